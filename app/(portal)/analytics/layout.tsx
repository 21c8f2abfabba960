import type { ReactNode } from "react";
import { requirePageViewer } from "@/lib/auth/page-guard";

/**
 * Answers 403 before anything streams (a page with loading.tsx has already sent 200 by the time
 * it runs). Not the security boundary: every DAL call in the pages checks again. analytics.read:
 * the data analyst and the social media manager (who reaches it from the command center).
 */
export default async function WorkspaceGate({ children }: { children: ReactNode }) {
  await requirePageViewer("analytics.read");
  return children;
}

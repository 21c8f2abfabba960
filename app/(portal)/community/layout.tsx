import type { ReactNode } from "react";
import { requirePageViewer } from "@/lib/auth/page-guard";

/**
 * Answers 403 before anything streams (a page with loading.tsx has already sent 200 by the time
 * it runs). Not the security boundary: every DAL call in the pages checks again.
 */
export default async function WorkspaceGate({ children }: { children: ReactNode }) {
  // inbox.read, not workspace.community: the manager and PR reach the inbox settings and spike alerts here too.
  await requirePageViewer("inbox.read");
  return children;
}

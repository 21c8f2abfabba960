import type { ReactNode } from "react";
import { requirePageViewer } from "@/lib/auth/page-guard";

/**
 * The content calendar is shared by every content role (calendar.read). Answers 403 before
 * anything streams; not the security boundary: every DAL call in the page checks again.
 */
export default async function CalendarGate({ children }: { children: ReactNode }) {
  await requirePageViewer("calendar.read");
  return children;
}

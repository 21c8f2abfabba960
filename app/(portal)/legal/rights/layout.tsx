import type { ReactNode } from "react";
import { requirePageViewer } from "@/lib/auth/page-guard";

/**
 * Answers 403 before anything streams: /legal itself opens with legal_review.read (the manager
 * reads the queue), this part of it only with legal_hold.manage. Not the security boundary: the DAL checks again.
 */
export default async function Gate({ children }: { children: ReactNode }) {
  await requirePageViewer("legal_hold.manage");
  return children;
}

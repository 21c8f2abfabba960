import type { ReactNode } from "react";
import { requirePageViewer } from "@/lib/auth/page-guard";

/**
 * Answers 403 before anything streams (a page with loading.tsx has already sent 200 by the time
 * it runs). Not the security boundary: every DAL call in the pages checks again.
 * Opens with legal_review.read, not the workspace permission: the manager reads the queue (what is
 * stuck in Legal, and why) without deciding; holds, rights and the post stage pages keep their own
 * permissions (their own layouts, above their own loading.tsx — the queue's loading skeleton lives
 * in the (queue) group so that it does not start the stream before those gates), and every
 * decision is refused by the DAL without legal_review.decide.
 */
export default async function WorkspaceGate({ children }: { children: ReactNode }) {
  await requirePageViewer("legal_review.read");
  return children;
}

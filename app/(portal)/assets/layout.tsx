import type { ReactNode } from "react";
import { requirePageViewer } from "@/lib/auth/page-guard";

/**
 * The asset library, read-only, for everyone who reads assets but has no studio (the manager, PR,
 * Legal, ad ops): licences and their ends at a glance. Answers 403 before anything streams; not the
 * security boundary: every DAL call in the pages checks again.
 */
export default async function AssetsGate({ children }: { children: ReactNode }) {
  await requirePageViewer("asset.read");
  return children;
}

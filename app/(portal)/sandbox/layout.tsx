import type { ReactNode } from "react";
import { requirePageViewer } from "@/lib/auth/page-guard";

/** The sandbox network's timelines, for every content role (sandbox.read). The DAL checks again. */
export default async function SandboxGate({ children }: { children: ReactNode }) {
  await requirePageViewer("sandbox.read");
  return children;
}

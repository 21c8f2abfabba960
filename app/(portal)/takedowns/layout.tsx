import type { ReactNode } from "react";
import { requirePageViewer } from "@/lib/auth/page-guard";

/** Answers 403 before anything streams; every DAL call checks again. */
export default async function TakedownsGate({ children }: { children: ReactNode }) {
  await requirePageViewer("takedown.create");
  return children;
}

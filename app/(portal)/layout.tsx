import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/current";
import { listActiveCrises } from "@/lib/dal/crisis";
import { AppShell } from "@/components/layout/app-shell";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  const crises = viewer.permissions.has("crisis.read") ? await listActiveCrises(viewer) : [];
  return (
    <AppShell viewer={viewer} crises={crises}>
      {children}
    </AppShell>
  );
}

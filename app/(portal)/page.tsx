import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/current";
import { workspacesFor } from "@/lib/auth/permissions";

/** Everyone lands in the first workspace their roles open, or on the no-access page. */
export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  const first = workspacesFor(viewer.permissions)[0];
  redirect(first ? first.path : "/no-access");
}

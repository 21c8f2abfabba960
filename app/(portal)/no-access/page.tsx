import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/current";
import { workspacesFor } from "@/lib/auth/permissions";
import { LockIcon } from "@/components/ui/icons";

export default async function NoAccessPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  const first = workspacesFor(viewer.permissions)[0];
  if (first) redirect(first.path);
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-xl border border-amber-200 bg-amber-50 p-8 text-center" data-testid="no-access">
      <LockIcon className="mx-auto mb-4 h-10 w-10 text-amber-700" />
      <h1 className="mb-2 text-xl font-semibold">{t("noAccessTitle")}</h1>
      <p className="mb-4 text-sm text-slate-700">{t("noAccessBody")}</p>
      <p className="text-sm text-slate-600">{t("noAccessGroups", { name: viewer.name })}</p>
      <p className="mt-1 text-sm text-slate-600">{t("noAccessContact")}</p>
    </div>
  );
}

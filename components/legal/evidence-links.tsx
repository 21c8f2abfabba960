import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";

const linkBtn =
  "inline-flex items-center justify-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

/**
 * Evidence pack downloads (PDF and the events CSV) for a post or an inbox reply; nothing for a
 * viewer without evidence.export (Legal and the manager have it). Mount next to a post or a reply.
 */
export async function EvidenceLinks({ viewer, kind, id }: { viewer: Viewer; kind: "post" | "reply"; id: string }) {
  if (!can(viewer, "evidence.export")) return null;
  const t = await getTranslations("legalHolds.panel");
  const base = `/api/evidence/${kind === "post" ? "posts" : "replies"}/${id}`;
  return (
    <div className="flex flex-wrap gap-2">
      <a className={linkBtn} href={`${base}.pdf`} download data-testid="evidence-pdf">{t("evidencePdf")}</a>
      <a className={linkBtn} href={`${base}.csv`} download data-testid="evidence-csv">{t("evidenceCsv")}</a>
    </div>
  );
}

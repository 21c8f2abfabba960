import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { holdsFor } from "@/lib/dal/legal-holds";
import { DateTime } from "@/components/ui/time";
import { PlaceHoldForm } from "./place-hold-form";
import { EvidenceLinks } from "./evidence-links";

const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";
/**
 * The legal corner of a post page: its active holds, a "place hold" form for Legal, and the
 * evidence pack downloads for Legal and the manager. Renders nothing for other viewers.
 */
export async function PostLegalPanel({ viewer, postId }: { viewer: Viewer; postId: string }) {
  const canHold = can(viewer, "legal_hold.manage");
  const canExport = can(viewer, "evidence.export");
  if (!canHold && !canExport) return null;
  const t = await getTranslations("legalHolds.panel");
  const holds = await holdsFor(viewer, { postId });
  return (
    <section className={card} aria-labelledby="post-legal-title" data-testid="post-legal-panel">
      <h2 id="post-legal-title" className="mb-2 font-semibold">{t("title")}</h2>
      {holds.length > 0 ? (
        <ul className="mb-3 space-y-1" data-testid="post-holds">
          {holds.map((h) => (
            <li key={h.id} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              <strong className="mr-2">{t("held")}</strong>
              {h.reason}
              <span className="ml-2 text-xs text-red-800">
                ({h.placedByName ?? "—"}, <DateTime value={h.placedAt} timeZone={viewer.timeZone} />)
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-slate-600">{t("notHeld")}</p>
      )}
      {canHold && holds.length === 0 && (
        <details className="mb-3">
          <summary className="cursor-pointer text-sm font-medium text-red-800" data-testid="place-hold-toggle">{t("placeHold")}</summary>
          <div className="mt-2">
            <PlaceHoldForm subject={{ kind: "post", postId }} compact />
          </div>
        </details>
      )}
      {canExport && (
        <div>
          <h3 className="text-sm font-medium text-slate-700">{t("evidence")}</h3>
          <p className="mb-2 text-xs text-slate-500">{t("evidenceHint")}</p>
          <EvidenceLinks viewer={viewer} kind="post" id={postId} />
        </div>
      )}
    </section>
  );
}

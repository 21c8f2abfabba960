import { useTranslations } from "next-intl";
import type { AssetSummary } from "./asset-badges";
import { AssetBadges, AssetThumb } from "./asset-badges";

export type MediaEntry = AssetSummary | { id: string; missing: true };

/**
 * The media of one network variant as a reviewer sees it: each thumbnail with its file name,
 * size and its rights (source, licence and its end, likeness). Renders on the server (review pages)
 * and in the browser (editor previews).
 */
export function MediaList({ items, network, now, compact = false }: { items: readonly MediaEntry[]; network: string; now: number; compact?: boolean }) {
  const t = useTranslations("assets");
  if (items.length === 0) return <p className="text-xs italic text-slate-500">{t("media.none")}</p>;
  return (
    <ol className={compact ? "flex flex-wrap gap-2" : "grid gap-2 sm:grid-cols-2"} aria-label={t("media.listLabel", { network })} data-testid="media-list">
      {items.map((m, i) =>
        "missing" in m ? (
          <li key={`${m.id}-${i}`} className="rounded-md border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800">
            {t("media.missing", { id: m.id.slice(0, 8) })}
          </li>
        ) : compact ? (
          <li key={`${m.id}-${i}`} title={m.originalName}>
            <AssetThumb asset={m} className="h-16 w-16" />
          </li>
        ) : (
          <li key={`${m.id}-${i}`} className="flex gap-2 rounded-md border border-slate-200 p-2" data-testid="media-item" data-asset-id={m.id}>
            {"fileUrl" in m && m.fileUrl ? (
              <a href={m.fileUrl} target="_blank" rel="noopener" className="shrink-0 rounded-md focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600" aria-label={t("media.open", { name: m.originalName })}>
                <AssetThumb asset={m} className="h-20 w-20" />
              </a>
            ) : (
              <AssetThumb asset={m} className="h-20 w-20" />
            )}
            <span className="min-w-0 space-y-1">
              <span className="block truncate text-xs font-medium text-slate-800" title={m.originalName}>
                {m.originalName}
              </span>
              <span className="block text-xs tabular-nums text-slate-500">
                {m.width && m.height ? t("card.dimensions", { width: m.width, height: m.height }) : null}
                {m.durationMs !== null ? ` · ${t("card.duration", { seconds: Math.round(m.durationMs / 100) / 10 })}` : null}
              </span>
              <AssetBadges asset={m} now={now} />
              {m.licence && <span className="block text-xs text-slate-600">{m.licence}</span>}
            </span>
          </li>
        ),
      )}
    </ol>
  );
}

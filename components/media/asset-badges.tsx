import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { AssetDto } from "@/lib/dal/assets";

/** Days before a licence's end from which it shows as "ends soon" (the checks panel warns from 14). */
export const EXPIRY_SOON_DAYS = 14;
const DAY = 86_400_000;

export type AssetSummary = Pick<AssetDto, "id" | "kind" | "source" | "licence" | "licenceExpiresAt" | "hasLikeness" | "archivedAt" | "originalName" | "thumbnailUrl" | "fileUrl" | "width" | "height" | "durationMs" | "brandName" | "format">;

/** The rights of an asset at a glance: kind, third-party source, licence end (ended / soon / date), likeness, archived. */
export function AssetBadges({ asset, now }: { asset: AssetSummary; now: number }) {
  const t = useTranslations("assets");
  const format = useFormatter();
  const exp = asset.licenceExpiresAt ? new Date(asset.licenceExpiresAt) : null;
  const date = exp ? format.dateTime(exp, { year: "numeric", month: "short", day: "numeric" }) : "";
  return (
    <span className="flex flex-wrap gap-1" data-testid="asset-badges">
      <Badge tone="muted">{t(`kinds.${asset.kind}`)}</Badge>
      <Badge tone={asset.source === "own" ? "muted" : "info"} title={asset.licence ?? undefined}>
        {t(`sources.${asset.source}`)}
      </Badge>
      {exp &&
        (exp.getTime() <= now ? (
          <Badge tone="danger">{t("card.expired", { date })}</Badge>
        ) : exp.getTime() - now <= EXPIRY_SOON_DAYS * DAY ? (
          <Badge tone="warning">{t("card.expiresSoon", { date })}</Badge>
        ) : (
          <Badge tone="muted">{t("card.expires", { date })}</Badge>
        ))}
      {asset.hasLikeness && <Badge tone="warning">{t("card.likeness")}</Badge>}
      {asset.archivedAt && <Badge tone="muted">{t("card.archived")}</Badge>}
    </span>
  );
}

/** A thumbnail from the authorised route (never /public), or a neutral box. */
export function AssetThumb({ asset, className = "h-24 w-24" }: { asset: Pick<AssetSummary, "thumbnailUrl" | "originalName" | "kind">; className?: string }) {
  return (
    <span className={`relative flex shrink-0 items-center justify-center overflow-hidden rounded-md bg-slate-100 ${className}`}>
      {asset.thumbnailUrl ? (
        // A plain <img>: the file comes from an authorised route with private caching, not from the image optimiser.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={asset.thumbnailUrl} alt={asset.originalName} loading="lazy" className="h-full w-full object-cover" />
      ) : (
        <span className="text-xs text-slate-500">{asset.kind}</span>
      )}
      {asset.kind === "video" && (
        <span aria-hidden className="absolute bottom-1 left-1 rounded bg-black/70 px-1 text-[10px] font-semibold text-white">
          ▶
        </span>
      )}
    </span>
  );
}

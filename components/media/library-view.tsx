import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { pageData } from "@/lib/auth/page-guard";
import type { Viewer } from "@/lib/dal/viewer";
import { ASSET_SOURCES } from "@/lib/domain/asset-metadata";
import { assetLibraryCounts, EXPIRING_DAYS, listAssetBrands, listAssets, listAssetsSchema, type ListAssetsInput } from "@/lib/dal/assets";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Badge } from "@/components/ui/badge";
import { pageFormat } from "@/components/ui/page-format";
import { AssetBadges, AssetThumb } from "./asset-badges";
import { btnPrimary, btnSecondary, input, label, link } from "./ui";

export type SP = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** The search params that parse; a bad one is dropped rather than failing the page. */
function filtersOf(sp: SP): ListAssetsInput {
  const out: Record<string, unknown> = {};
  for (const key of ["brandId", "kind", "source", "status", "q", "page"] as const) {
    const v = first(sp[key]);
    if (v === undefined) continue;
    const r = listAssetsSchema.shape[key].safeParse(v);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out as ListAssetsInput;
}

/**
 * The asset library (asset.read): counts, filters, the grid. `base` is the route it lives under
 * (the studio's for creators, the shared one for reviewers and ad ops); `upload` renders the upload
 * form for those who may upload.
 */
export async function AssetLibraryView({
  viewer,
  searchParams,
  base,
  upload,
}: {
  viewer: Viewer;
  searchParams: SP;
  base: string;
  upload?: (brands: { id: string; name: string }[], defaultBrandId?: string) => ReactNode;
}) {
  const filters = filtersOf(searchParams);
  const [list, counts, brands] = await pageData(Promise.all([listAssets(viewer, filters), assetLibraryCounts(viewer), listAssetBrands(viewer)]));
  const t = await getTranslations("assets");
  const { when, now, num } = await pageFormat(viewer, new Date());
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const filtered = Object.keys(filters).some((k) => k !== "page");
  const pageHref = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...filters, page: String(p) }).map(([k, v]) => [k, String(v)]));
    return `${base}?${q.toString()}`;
  };

  return (
    <div data-testid="asset-library">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />

      <StatGrid label={t("countsLabel")} className="md:grid-cols-3 xl:grid-cols-3">
        <StatCard label={t("counts.active")} value={num(counts.active)} hint={<Link href={base} className={link}>{t("filters.statuses.active")}</Link>} />
        <StatCard
          label={t("counts.expiring", { days: EXPIRING_DAYS })}
          value={num(counts.expiring)}
          tone={counts.expiring > 0 ? "warning" : "neutral"}
          status={counts.expiring > 0 ? <Badge tone="warning">{t("filters.statuses.expiring")}</Badge> : undefined}
          hint={<Link href={`${base}?status=expiring`} className={link}>{t("filters.apply")}</Link>}
        />
        <StatCard label={t("counts.archived")} value={num(counts.archived)} hint={<Link href={`${base}?status=archived`} className={link}>{t("filters.statuses.archived")}</Link>} />
      </StatGrid>

      {upload && (
        <Panel id="asset-upload" title={t("upload.title")} className="mb-6">
          {upload(brands, filters.brandId)}
        </Panel>
      )}

      <Panel id="asset-grid" title={t("grid.title")} count={num(list.total)}>
        <form method="get" className="mb-4 grid gap-2 sm:grid-cols-2 lg:grid-cols-6" aria-label={t("filters.label")} data-testid="asset-filters">
          <div>
            <label htmlFor="f-brand" className={label}>
              {t("filters.brand")}
            </label>
            <select id="f-brand" name="brandId" defaultValue={filters.brandId ?? ""} className={input}>
              <option value="">{t("filters.all")}</option>
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-kind" className={label}>
              {t("filters.kind")}
            </label>
            <select id="f-kind" name="kind" defaultValue={filters.kind ?? ""} className={input}>
              <option value="">{t("filters.all")}</option>
              <option value="image">{t("kinds.image")}</option>
              <option value="video">{t("kinds.video")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="f-source" className={label}>
              {t("filters.source")}
            </label>
            <select id="f-source" name="source" defaultValue={filters.source ?? ""} className={input}>
              <option value="">{t("filters.all")}</option>
              {ASSET_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`sources.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-status" className={label}>
              {t("filters.status")}
            </label>
            <select id="f-status" name="status" defaultValue={filters.status ?? ""} className={input}>
              <option value="">{t("filters.statuses.active")}</option>
              <option value="expiring">{t("filters.statuses.expiring")}</option>
              <option value="archived">{t("filters.statuses.archived")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="f-q" className={label}>
              {t("filters.q")}
            </label>
            <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={100} className={input} />
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" className={btnPrimary}>
              {t("filters.apply")}
            </button>
            {filtered && (
              <Link href={base} className={btnSecondary}>
                {t("filters.clear")}
              </Link>
            )}
          </div>
        </form>

        {list.items.length === 0 ? (
          <EmptyState icon="·">{filtered ? t("grid.empty") : t("grid.emptyAll")}</EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" data-testid="asset-grid-items">
            {list.items.map((a) => (
              <li key={a.id} className="flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid="asset-card" data-asset-id={a.id}>
                <Link href={`${base}/${a.id}`} className="group block focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600" aria-label={t("card.open", { name: a.originalName })}>
                  <AssetThumb asset={a} className="aspect-square w-full" />
                </Link>
                <div className="flex flex-1 flex-col gap-1.5 p-2.5">
                  <p className="truncate text-sm font-medium text-slate-900" title={a.originalName}>
                    <Link href={`${base}/${a.id}`} className={link}>
                      {a.originalName}
                    </Link>
                  </p>
                  <p className="text-xs text-slate-500">
                    {a.brandName ?? t("detail.noBrand")} · {a.width && a.height ? t("card.dimensions", { width: a.width, height: a.height }) : "—"}
                    {a.durationMs !== null && ` · ${t("card.duration", { seconds: Math.round(a.durationMs / 100) / 10 })}`}
                  </p>
                  <AssetBadges asset={a} now={now.getTime()} />
                  <p className="truncate text-xs text-slate-600" title={a.licence ?? undefined}>
                    {a.licence ?? (a.source === "own" ? "" : t("card.noLicence"))}
                  </p>
                  <p className="mt-auto text-xs text-slate-500">{t("card.by", { name: a.uploadedByName ?? "—", time: when(a.createdAt) })}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
        {pages > 1 && (
          <nav className="mt-4 flex items-center justify-between text-sm" aria-label={t("grid.page", { page: list.page, pages })}>
            {list.page > 1 ? (
              <Link href={pageHref(list.page - 1)} className={btnSecondary}>
                {t("grid.prev")}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-600">{t("grid.page", { page: list.page, pages })}</span>
            {list.page < pages ? (
              <Link href={pageHref(list.page + 1)} className={btnSecondary}>
                {t("grid.next")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </Panel>
    </div>
  );
}

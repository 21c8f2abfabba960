import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { pageData } from "@/lib/auth/page-guard";
import type { Viewer } from "@/lib/dal/viewer";
import { getAsset, listAssetBrands, type AssetDto } from "@/lib/dal/assets";
import { PageHeader } from "@/components/ui/page-header";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { PostStateBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";
import { AssetBadges } from "./asset-badges";
import { link } from "./ui";

/**
 * One asset (asset.read): the preview (the original, or the video with its poster), the file's facts,
 * its rights, the posts using it, and — through `edit` — the metadata form for those who may change it.
 * `postHref` links a using post where the viewer can open it (null: title only).
 */
export async function AssetDetailView({
  viewer,
  id,
  base,
  edit,
  postHref,
}: {
  viewer: Viewer;
  id: string;
  base: string;
  edit?: (asset: AssetDto, brands: { id: string; name: string }[], timeZone: string) => ReactNode;
  postHref: (postId: string) => string | null;
}) {
  const [asset, brands] = await pageData(Promise.all([getAsset(viewer, id), listAssetBrands(viewer)]));
  const t = await getTranslations("assets");
  const { when, now, num, tz } = await pageFormat(viewer, new Date());
  const size = (n: number) => (n < 1024 ? `${num(n)} B` : n < 1048576 ? `${num(Math.round(n / 102.4) / 10)} KB` : `${num(Math.round((n / 1048576) * 10) / 10)} MB`);

  return (
    <div data-testid="asset-detail" data-asset-id={asset.id}>
      <p className="mb-2 text-sm">
        <Link href={base} className={link}>
          {t("detail.back")}
        </Link>
      </p>
      <PageHeader title={asset.originalName} subtitle={<AssetBadges asset={asset} now={now.getTime()} />} />
      {asset.archivedAt && (
        <p className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" role="note">
          {t("detail.archivedNote", { date: when(asset.archivedAt) })}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Panel id="asset-preview" title={t("detail.preview")} description={asset.kind === "video" ? t("detail.videoPoster") : undefined}>
            <div className="flex justify-center rounded-lg bg-slate-900/5 p-2">
              {asset.kind === "video" ? (
                <video controls preload="metadata" poster={asset.thumbnailUrl ?? undefined} className="max-h-[32rem] max-w-full rounded" data-testid="asset-video">
                  <source src={asset.fileUrl} type={asset.mimeType} />
                  {t("detail.noPreview")}
                </video>
              ) : (
                // The original, from the authorised route (not the image optimiser).
                // eslint-disable-next-line @next/next/no-img-element
                <img src={asset.fileUrl} alt={asset.originalName} className="max-h-[32rem] max-w-full rounded object-contain" data-testid="asset-image" />
              )}
            </div>
          </Panel>
          <Panel id="asset-used-by" title={t("detail.usedBy")} count={asset.usedBy.length}>
            {asset.usedBy.length === 0 ? (
              <EmptyState icon="·">{t("detail.usedByEmpty")}</EmptyState>
            ) : (
              <ItemList>
                {asset.usedBy.map((p) => (
                  <Item key={p.postId}>
                    <span className="flex flex-wrap items-center gap-2 text-sm">
                      {postHref(p.postId) ? (
                        <Link href={postHref(p.postId)!} className={link}>
                          {p.title}
                        </Link>
                      ) : (
                        <span className="text-slate-800">{p.title}</span>
                      )}
                      <PostStateBadge state={p.state as never} />
                    </span>
                  </Item>
                ))}
              </ItemList>
            )}
          </Panel>
        </div>
        <div className="space-y-4">
          <Panel id="asset-file" title={t("detail.file")}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
              <dt className="text-slate-500">{t("detail.fileName")}</dt>
              <dd className="break-all text-slate-900">{asset.originalName}</dd>
              <dt className="text-slate-500">{t("detail.type")}</dt>
              <dd className="text-slate-900">
                {t(`kinds.${asset.kind}`)} · {asset.mimeType}
              </dd>
              <dt className="text-slate-500">{t("detail.size")}</dt>
              <dd className="tabular-nums text-slate-900">{size(asset.sizeBytes)}</dd>
              <dt className="text-slate-500">{t("detail.dimensions")}</dt>
              <dd className="tabular-nums text-slate-900">{asset.width && asset.height ? t("card.dimensions", { width: asset.width, height: asset.height }) : "—"}</dd>
              {asset.durationMs !== null && (
                <>
                  <dt className="text-slate-500">{t("detail.duration")}</dt>
                  <dd className="tabular-nums text-slate-900">{t("card.duration", { seconds: Math.round(asset.durationMs / 100) / 10 })}</dd>
                </>
              )}
              <dt className="text-slate-500">{t("detail.brand")}</dt>
              <dd className="text-slate-900">{asset.brandName ?? t("detail.noBrand")}</dd>
              <dt className="text-slate-500">{t("detail.uploaded")}</dt>
              <dd className="text-slate-900">{t("card.by", { name: asset.uploadedByName ?? "—", time: when(asset.createdAt) })}</dd>
              <dt className="text-slate-500">{t("upload.licence")}</dt>
              <dd className="whitespace-pre-wrap text-slate-900">{asset.licence ?? "—"}</dd>
            </dl>
            <p className="mt-3 text-sm">
              <a href={`${asset.fileUrl}?download=1`} className={link} data-testid="asset-download">
                {t("detail.download")}
              </a>
            </p>
          </Panel>
          {edit && (
            <Panel id="asset-metadata" title={t("detail.edit")}>
              {edit(asset, brands, tz)}
            </Panel>
          )}
        </div>
      </div>
    </div>
  );
}

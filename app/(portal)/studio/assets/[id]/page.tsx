import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { dayIn } from "@/lib/domain/asset-metadata";
import { getAsset, listAssetBrands } from "@/lib/dal/assets";
import { PageHeader } from "@/components/ui/page-header";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { PostStateBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";
import { AssetBadges } from "@/components/media/asset-badges";
import { AssetEditForm } from "../_components/asset-edit-form";
import { link } from "../../posts/_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("assets");
  return { title: t("title") };
}

export default async function AssetPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePageViewer("asset.read");
  const { id } = await params;
  const [asset, brands] = await pageData(Promise.all([getAsset(viewer, id), listAssetBrands(viewer)]));
  const t = await getTranslations("assets");
  const { when, now, num, tz } = await pageFormat(viewer, new Date());
  const canEdit = can(viewer, "asset.upload");
  const size = (n: number) => (n < 1024 ? `${num(n)} B` : n < 1048576 ? `${num(Math.round(n / 102.4) / 10)} KB` : `${num(Math.round((n / 1048576) * 10) / 10)} MB`);

  return (
    <div data-testid="asset-detail" data-asset-id={asset.id}>
      <p className="mb-2 text-sm">
        <Link href="/studio/assets" className={link}>
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
                      <Link href={`/studio/posts/${p.postId}`} className={link}>
                        {p.title}
                      </Link>
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
          {canEdit && (
            <Panel id="asset-metadata" title={t("detail.edit")}>
              <AssetEditForm
                brands={brands}
                asset={{
                  id: asset.id,
                  brandId: asset.brandId,
                  source: asset.source,
                  licence: asset.licence,
                  licenceExpiresOn: asset.licenceExpiresAt ? dayIn(asset.licenceExpiresAt, tz) : null,
                  hasLikeness: asset.hasLikeness,
                  archived: !!asset.archivedAt,
                }}
              />
            </Panel>
          )}
        </div>
      </div>
    </div>
  );
}

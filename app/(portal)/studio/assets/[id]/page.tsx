import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { dayIn } from "@/lib/domain/asset-metadata";
import { AssetDetailView } from "@/components/media/asset-detail-view";
import { AssetEditForm } from "../_components/asset-edit-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("assets");
  return { title: t("title") };
}

/** One asset in the creators' library, with the metadata form and archiving for asset.upload holders. */
export default async function AssetPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePageViewer("asset.read");
  const { id } = await params;
  const canEdit = can(viewer, "asset.upload");
  return (
    <AssetDetailView
      viewer={viewer}
      id={id}
      base="/studio/assets"
      postHref={(postId) => `/studio/posts/${postId}`}
      edit={
        canEdit
          ? (asset, brands, tz) => (
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
            )
          : undefined
      }
    />
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { AssetDetailView } from "@/components/media/asset-detail-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("assets");
  return { title: t("title") };
}

/** One asset, read-only; a using post links to the viewer's own review page of it, where they have one. */
export default async function SharedAssetPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePageViewer("asset.read");
  const { id } = await params;
  const review = can(viewer, "post.review_pr") ? "/pr/reviews" : can(viewer, "post.review_legal") ? "/legal/reviews" : can(viewer, "post.approve_final") ? "/manager/approvals" : null;
  return <AssetDetailView viewer={viewer} id={id} base="/assets" postHref={(postId) => (review ? `${review}/${postId}` : null)} />;
}

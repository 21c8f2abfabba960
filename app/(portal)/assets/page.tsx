import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { AssetLibraryView, type SP } from "@/components/media/library-view";
import { UploadForm } from "../studio/assets/_components/upload-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("assets");
  return { title: t("title") };
}

/** The library for asset.read holders outside the studio; uploading stays with asset.upload. */
export default async function SharedAssetLibraryPage({ searchParams }: { searchParams: Promise<SP> }) {
  const viewer = await requirePageViewer("asset.read");
  return (
    <AssetLibraryView
      viewer={viewer}
      searchParams={await searchParams}
      base="/assets"
      upload={can(viewer, "asset.upload") ? (brands, defaultBrandId) => <UploadForm brands={brands} defaultBrandId={defaultBrandId} /> : undefined}
    />
  );
}

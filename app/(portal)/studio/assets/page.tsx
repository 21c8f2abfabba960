import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { AssetLibraryView, type SP } from "@/components/media/library-view";
import { UploadForm } from "./_components/upload-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("assets");
  return { title: t("title") };
}

/** The creators' asset library: the grid and, with asset.upload, the upload form. */
export default async function AssetLibraryPage({ searchParams }: { searchParams: Promise<SP> }) {
  const viewer = await requirePageViewer("asset.read");
  const canUpload = can(viewer, "asset.upload");
  return (
    <AssetLibraryView
      viewer={viewer}
      searchParams={await searchParams}
      base="/studio/assets"
      upload={canUpload ? (brands, defaultBrandId) => <UploadForm brands={brands} defaultBrandId={defaultBrandId} /> : undefined}
    />
  );
}

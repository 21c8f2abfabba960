import { getTranslations } from "next-intl/server";
import { OverviewSkeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("common");
  return <OverviewSkeleton label={t("loading")} stats={5} panels={4} />;
}

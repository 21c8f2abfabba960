import { getTranslations } from "next-intl/server";
import { EditorSkeleton } from "../_components/editor-skeleton";

export default async function Loading() {
  const t = await getTranslations("common");
  return <EditorSkeleton label={t("loading")} />;
}

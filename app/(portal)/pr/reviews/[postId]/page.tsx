import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReviewPostPage } from "@/components/review/review-post-page";
import { decidePrAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pr.review");
  return { title: t("reviewTitle") };
}

export default async function Page({ params }: { params: Promise<{ postId: string }> }) {
  const { postId } = await params;
  return <ReviewPostPage stage="pr" postId={postId} action={decidePrAction} />;
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReviewPostPage } from "@/components/review/review-post-page";
import { decideFinalAction } from "../../actions";
import { SchedulePanel } from "../_components/schedule-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("manager.review");
  return { title: t("reviewTitle") };
}

export default async function Page({ params }: { params: Promise<{ postId: string }> }) {
  const { postId } = await params;
  return <ReviewPostPage stage="final" postId={postId} action={decideFinalAction} aside={<SchedulePanel postId={postId} />} />;
}

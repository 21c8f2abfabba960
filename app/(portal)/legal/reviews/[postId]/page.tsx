import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReviewPostPage } from "@/components/review/review-post-page";
import { requirePageViewer } from "@/lib/auth/page-guard";
import { openReviewIdForPost } from "@/lib/dal/legal-queue";
import { Panel } from "@/components/ui/panel";
import { decideLegalAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal.review");
  return { title: t("reviewTitle") };
}

export default async function Page({ params }: { params: Promise<{ postId: string }> }) {
  const { postId } = await params;
  const viewer = await requirePageViewer("post.review_legal");
  // The structured review (checklist, findings, conditions) of the same legal stage, when there is one.
  const reviewId = viewer.permissions.has("legal_review.read") ? await openReviewIdForPost(viewer, postId) : null;
  const t = await getTranslations("legalQueue.review");
  const aside = reviewId ? (
    <Panel id="legal-structured" title={t("postPanel")}>
      <Link href={`/legal/queue/${reviewId}`} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline" data-testid="legal-structured-link">
        {t("openPost")} →
      </Link>
    </Panel>
  ) : undefined;
  return <ReviewPostPage stage="legal" postId={postId} action={decideLegalAction} aside={aside} />;
}

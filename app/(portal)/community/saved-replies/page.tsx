import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { listSavedReplies } from "@/lib/dal/saved-replies";
import { SAVED_REPLY_VARIABLES } from "@/lib/domain/inbox-replies";
import { PageHeader } from "@/components/ui/page-header";
import { SavedRepliesManager } from "../_components/reply-saved-manager";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("replies.saved");
  return { title: t("title") };
}

/** /community/saved-replies — the team's saved replies in Japanese and English (saved_reply.manage). */
export default async function SavedRepliesPage() {
  const viewer = await requirePageViewer("saved_reply.manage");
  const list = await pageData(listSavedReplies(viewer));
  const t = await getTranslations("replies.saved");
  return (
    <div data-testid="saved-replies-page">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <SavedRepliesManager
        items={list.map((s) => ({ id: s.id, title: s.title, locale: s.locale, body: s.body, createdByName: s.createdByName, updatedAt: s.updatedAt.toISOString() }))}
        variables={[...SAVED_REPLY_VARIABLES]}
        timeZone={viewer.timeZone}
      />
    </div>
  );
}

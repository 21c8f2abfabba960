import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { COMMENT_MAX, listRevisionComments } from "@/lib/dal/revision-comments";
import type { Viewer } from "@/lib/dal/viewer";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { pageFormat } from "@/components/ui/page-format";
import { CommentForm } from "./comment-form";

/**
 * The comment thread of a post: every comment labelled with the revision it was written on
 * ("版 3"), oldest first, comments on earlier revisions marked as such; under it a form to comment
 * on the current revision for people holding post.comment. Used on the studio post page and on the
 * review pages.
 */
export async function RevisionComments({ viewer, postId }: { viewer: Viewer; postId: string }) {
  const thread = await listRevisionComments(viewer, postId);
  const t = await getTranslations("comments");
  const { when } = await pageFormat(viewer, new Date());
  const current = thread.currentRevisionNumber;
  const mayComment = can(viewer, "post.comment");

  return (
    <Panel id="comments" title={t("title")} description={t("description")} count={thread.comments.length}>
      {thread.comments.length === 0 ? (
        <EmptyState icon="💬">{mayComment ? t("empty") : t("emptyReadOnly")}</EmptyState>
      ) : (
        <ItemList label={t("listLabel")}>
          {thread.comments.map((c) => {
            const older = current !== null && c.revisionNumber < current;
            return (
              <Item key={c.id}>
                <article data-testid="comment" data-revision={c.revisionNumber} data-older={older ? "true" : "false"}>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <Badge tone={older ? "muted" : "brand"}>{t("revision", { number: c.revisionNumber })}</Badge>
                    {older && (
                      <Badge tone="warning" title={t("olderHint")}>
                        {t("older")}
                      </Badge>
                    )}
                    <span className="text-xs text-slate-500">
                      <span className="font-medium text-slate-700">{c.authorName ?? t("unknownAuthor")}</span> ·{" "}
                      <time dateTime={c.createdAt.toISOString()}>{when(c.createdAt)}</time>
                    </span>
                  </div>
                  <p className={`mt-1 whitespace-pre-wrap break-words text-sm ${older ? "text-slate-600" : "text-slate-900"}`} data-testid="comment-body">
                    {c.body}
                  </p>
                </article>
              </Item>
            );
          })}
        </ItemList>
      )}
      {mayComment && (
        <div className="mt-4 border-t border-slate-100 pt-4">
          {thread.currentRevisionId && current !== null ? (
            <CommentForm postId={thread.postId} revisionId={thread.currentRevisionId} revisionNumber={current} max={COMMENT_MAX} />
          ) : (
            <p className="text-sm text-slate-500">{t("noRevision")}</p>
          )}
        </div>
      )}
      {!mayComment && <p className="mt-3 text-xs text-slate-500">{t("readOnly")}</p>}
    </Panel>
  );
}

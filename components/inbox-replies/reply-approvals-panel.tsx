import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { listReplyApprovals } from "@/lib/dal/inbox-replies";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { ReplyApprovalCard } from "./reply-approval-card";

/**
 * The approver's queue of inbox replies (PR workspace, and the manager's): each pending reply with
 * the message it answers, why it needs approval, and approve / reject (reason) bound to the exact
 * text shown. Renders nothing for a viewer without inbox.approve_reply.
 */
export async function ReplyApprovalsPanel({ viewer, className }: { viewer: Viewer; className?: string }) {
  if (!can(viewer, "inbox.approve_reply")) return null;
  const t = await getTranslations("replies.approvals");
  const { items, total } = await listReplyApprovals(viewer, { limit: 20 });
  return (
    <Panel id="reply-approvals" title={t("title")} description={t("description")} count={total} className={className}>
      {items.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="space-y-3" data-testid="reply-approvals">
          {items.map((a) => (
            <ReplyApprovalCard
              key={a.replyId}
              approval={{ ...a, createdAt: a.createdAt.toISOString() }}
              timeZone={viewer.timeZone}
              canReadDm={can(viewer, "inbox.read_dm")}
            />
          ))}
        </ul>
      )}
    </Panel>
  );
}

import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { getReplyComposer } from "@/lib/dal/inbox-replies";
import { listModeration } from "@/lib/dal/inbox-moderation";
import { listSavedReplies } from "@/lib/dal/saved-replies";
import { ReplyPanel } from "./reply-panel";

/**
 * The reply part of the thread view (/community/items/[id]): who else is here, the replies and
 * their status, the composer with saved replies and live checks, and moderation. Server side: it
 * reads what the client needs once; the panel then polls the item's live state.
 */
export async function ReplySection({ viewer, itemId }: { viewer: Viewer; itemId: string }) {
  const [ctx, saved, moderation] = await Promise.all([
    getReplyComposer(viewer, itemId),
    can(viewer, "inbox.reply") || can(viewer, "saved_reply.manage") ? listSavedReplies(viewer) : Promise.resolve([]),
    listModeration(viewer, itemId),
  ]);
  return (
    <ReplyPanel
      ctx={ctx}
      saved={saved.map((s) => ({ id: s.id, title: s.title, locale: s.locale, body: s.body }))}
      moderation={moderation}
      viewerId={viewer.id}
      timeZone={viewer.timeZone}
      canManageSaved={can(viewer, "saved_reply.manage")}
    />
  );
}

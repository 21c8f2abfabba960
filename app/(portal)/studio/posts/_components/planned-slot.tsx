import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/dal/viewer";
import { allowedSlotMove, slotMoveFor } from "@/lib/domain/scheduling";
import type { PostState } from "@/lib/domain/workflow";
import { Panel } from "@/components/ui/panel";
import { PlannedSlotField } from "./planned-slot-field";

/**
 * The post's planned slot in the studio: its author (or the manager) sets or moves it while the
 * post is not approved yet; afterwards it is shown read-only (the manager reschedules).
 * The server (lib/dal/scheduling.ts movePlannedSlot) decides again, blackouts and past slots included.
 */
export async function PlannedSlot({ post, viewer }: { post: { id: string; state: PostState; authorId: string; scheduledAt: Date | null }; viewer: Viewer }) {
  const t = await getTranslations("calendar.planned");
  const editable = allowedSlotMove(viewer, post) === "plan";
  const note = editable ? null : slotMoveFor(post.state) === "plan" ? t("readOnly") : t("locked");
  return (
    <div className="mt-4">
      <Panel id="planned-slot" title={t("title")} description={t("description", { zone: viewer.timeZone })}>
        <PlannedSlotField postId={post.id} slotAt={post.scheduledAt?.toISOString() ?? null} timeZone={viewer.timeZone} editable={editable} note={note} />
      </Panel>
    </div>
  );
}

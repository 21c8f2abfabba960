import { requirePageViewer } from "@/lib/auth/page-guard";
import { ReplySection } from "../../../_components/reply-section";

/**
 * THE REPLY SLOT (boundary for inbox-replies): the thread view renders this where the composer,
 * the reply list and presence belong; the thread page passes the item id and version.
 *
 * Contract with the thread page's keyboard shortcut "r" (and /community/items/<id>?compose=1):
 * the composer's text field has id="inbox-reply-composer"; the page focuses it.
 */
export async function ReplySlot({ itemId }: { itemId: string; version: number }) {
  const viewer = await requirePageViewer("inbox.read");
  return (
    <div data-testid="reply-slot" data-item-id={itemId}>
      <ReplySection viewer={viewer} itemId={itemId} />
    </div>
  );
}

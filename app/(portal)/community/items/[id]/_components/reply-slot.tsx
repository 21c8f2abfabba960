import { getTranslations } from "next-intl/server";

/**
 * THE REPLY SLOT (boundary for inbox-replies): the thread view renders this where the composer,
 * the reply list and presence belong. inbox-replies replaces the body of this component (or
 * renders its own server component here) — the thread page passes the item id and version.
 *
 * Contract with the thread page's keyboard shortcut "r" (and /community/items/<id>?compose=1):
 * the composer's text field has id="inbox-reply-composer"; the page focuses it. Until it
 * exists, the section itself (id="reply") gets the focus.
 */
export async function ReplySlot({ itemId, version }: { itemId: string; version: number }) {
  const t = await getTranslations("community.thread");
  return (
    <div data-testid="reply-slot" data-item-id={itemId} data-version={version}>
      <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">{t("replySlotEmpty")}</p>
    </div>
  );
}

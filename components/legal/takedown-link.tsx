import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * "Send to Legal as a takedown complaint" for an inbox item (server component): opens the intake
 * form with the item attached (/takedowns?inboxItemId=…). For the inbox thread view; place it where
 * the item's actions are. Every staff member may file (takedown.create); the form shows the item only
 * to people who may read the inbox.
 */
export async function TakedownLink({ inboxItemId, className }: { inboxItemId: string; className?: string }) {
  const t = await getTranslations("legalQueue");
  return (
    <Link
      href={`/takedowns?inboxItemId=${encodeURIComponent(inboxItemId)}`}
      className={className ?? "inline-flex items-center rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"}
      data-testid="takedown-from-inbox"
    >
      {t("takedownLink")}
    </Link>
  );
}

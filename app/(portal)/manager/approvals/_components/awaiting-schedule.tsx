import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer } from "@/lib/auth/page-guard";
import { listAwaitingSchedule } from "@/lib/dal/scheduling";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { pageFormat } from "@/components/ui/page-format";

/** Under the final-approval queue: approved posts that are not scheduled yet, soonest planned slot first, each a link to its schedule panel. */
export async function AwaitingSchedule() {
  const viewer = await requirePageViewer("post.schedule");
  const items = await listAwaitingSchedule(viewer);
  const t = await getTranslations("calendar.awaiting");
  const { when, rel, num } = await pageFormat(viewer, new Date());
  return (
    <div className="mt-4">
      <Panel id="awaiting-schedule" title={t("title")} description={t("description")} count={num(items.length)}>
        {items.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <ul className="-my-2 divide-y divide-slate-100">
            {items.map((p) => (
              <li key={p.postId} className="flex flex-wrap items-baseline gap-x-3 py-2.5" data-testid="awaiting-row" data-post-id={p.postId}>
                <Link href={`/manager/approvals/${p.postId}#schedule-heading`} className="font-medium text-brand-800 hover:underline">
                  {p.title}
                </Link>
                <span className="text-xs text-slate-500">{p.brandName}</span>
                <span className="ml-auto text-sm tabular-nums text-slate-700">
                  {p.slotAt ? (
                    <>
                      <time dateTime={p.slotAt.toISOString()}>{when(p.slotAt)}</time>
                      <span className="ml-1 text-xs text-slate-500">({rel(p.slotAt)})</span>
                    </>
                  ) : (
                    t("noSlot")
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

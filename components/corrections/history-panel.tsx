import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PostHistoryDto } from "@/lib/dal/corrections";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PostStateBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";

/**
 * A post's correction history, both ways: the corrections, apologies and retractions of it (with
 * their states, how they go out and what happens to the original), and — when the post is itself
 * a correction — the post it corrects. Shared by the studio's post page and the corrections pages.
 */
export async function CorrectionHistoryPanel({ history, viewer, className }: { history: PostHistoryDto; viewer: { timeZone: string }; className?: string }) {
  const t = await getTranslations("corrections.original");
  const { tc, when } = await pageFormat(viewer, new Date());
  const of = history.correctionOf;
  return (
    <Panel id="correction-history" title={t("historyTitle")} count={history.corrections.length} className={className}>
      {of && (
        <div className="mb-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm" data-testid="correction-of">
          <p className="text-xs font-medium text-sky-900">{t("correctsTitle")}</p>
          <p className="mt-0.5 flex flex-wrap items-center gap-1.5">
            <Link href={`/corrections/original/${of.originalPostId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline" data-testid="correction-of-link">
              {of.originalTitle}
            </Link>
            <PostStateBadge state={of.originalState} />
          </p>
        </div>
      )}
      {history.corrections.length === 0 ? (
        <EmptyState icon="·">{t("historyEmpty")}</EmptyState>
      ) : (
        <ol className="-my-2 divide-y divide-slate-100" aria-label={t("historyTitle")}>
          {history.corrections.map((c) => (
            <li key={c.correctionId} className="py-2.5" data-testid="correction-history-item" data-post-id={c.newPostId ?? undefined}>
              <div className="flex flex-wrap items-center gap-1.5">
                <Badge tone="info">{tc(`postKinds.${c.kind}`)}</Badge>
                {c.newPostId ? (
                  <Link href={`/corrections/${c.newPostId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline" data-testid="correction-history-link">
                    {c.newTitle}
                  </Link>
                ) : (
                  <span className="font-medium text-slate-900">—</span>
                )}
                {c.newState && <PostStateBadge state={c.newState} />}
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {t(`publishAs.${c.publishAs}`)} · {t(`originalAction.${c.originalAction}`)}
                {c.originalAction !== "keep" && (
                  <> ({c.originalActionDoneAt ? t("actionDone", { time: when(c.originalActionDoneAt) }) : t("actionPending")})</>
                )}
                {c.newPublishedAt && <> · {t("newPublished", { time: when(c.newPublishedAt) })}</>}
              </p>
              <p className="mt-0.5 text-xs text-slate-500">
                <time dateTime={c.createdAt.toISOString()}>{t("by", { name: c.createdByName ?? "—", time: when(c.createdAt) })}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

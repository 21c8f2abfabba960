import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { listReviewQueue, REVIEW_STAGE_PERMISSION, type ReviewStage } from "@/lib/dal/review-queue";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { RiskBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";
import { DECISIONS, REVIEW_ROUTES } from "./stages";
import { DueBadge } from "./due-badge";

/** The queue of one stage: a table of the posts awaiting it, oldest first, with an empty state. */
export async function ReviewQueuePage({ stage, decided }: { stage: ReviewStage; decided?: string | string[] }) {
  const viewer = await requirePageViewer(REVIEW_STAGE_PERMISSION[stage]);
  const items = await pageData(listReviewQueue(viewer, stage));
  const { ns, base } = REVIEW_ROUTES[stage];
  const t = await getTranslations(`${ns}.review`);
  const td = await getTranslations("notifications.due");
  const { tc, num, when, updatedAt } = await pageFormat(viewer, new Date());
  const done = DECISIONS.find((d) => d === decided);

  return (
    <div data-testid="review-queue" data-stage={stage}>
      <PageHeader title={t("queueTitle")} subtitle={t("queueSubtitle")} meta={updatedAt()} />
      {done && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="review-success">
          {t(`decided.${done}`)}
        </p>
      )}
      <Panel id="review-queue" title={t("queueTitle")} count={num(items.length)}>
        {items.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <DataTable
            minWidth="min-w-[78rem]"
            columns={[t("colTitle"), t("colBrand"), t("colChannels"), t("colAuthor"), t("colWaiting"), td("col"), t("colRisk"), t("colLegal"), t("colSlot")]}
          >
            {items.map((p) => (
              <tr key={p.postId} data-testid="review-row" data-post-id={p.postId} data-fast-lane={p.fastLane || undefined}>
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  <Link href={`${base}/${p.postId}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {p.title}
                  </Link>
                  {p.fastLane && (
                    <span className="mt-1 flex flex-wrap gap-1" data-testid="fast-lane-badge">
                      <Badge tone="danger" title={tc("fastLaneHint")}>
                        {tc("fastLane")}
                      </Badge>
                      <Badge tone="info">{tc(`postKinds.${p.kind}`)}</Badge>
                    </span>
                  )}
                </th>
                <td className="px-4 py-2 text-slate-700">{p.brandName}</td>
                <td className="px-4 py-2 text-xs text-slate-600">{p.channels.map((c) => `${tc(`platforms.${c.platform}`)} · ${c.name}`).join(" / ")}</td>
                <td className="px-4 py-2 text-slate-700">{p.authorName ?? "—"}</td>
                <td className="px-4 py-2 tabular-nums text-slate-700">
                  <time dateTime={p.waitingSince.toISOString()}>{when(p.waitingSince)}</time>
                </td>
                <td className="px-4 py-2">
                  <DueBadge dueAt={p.dueAt} status={p.dueStatus} escalated={p.escalated} timeZone={viewer.timeZone} />
                </td>
                <td className="px-4 py-2">
                  <RiskBadge score={p.riskScore} />
                </td>
                <td className="px-4 py-2">{p.requiresLegal ? <Badge tone="warning">{t("legalRequired")}</Badge> : <Badge tone="muted">{t("legalNotRequired")}</Badge>}</td>
                <td className="px-4 py-2 tabular-nums text-slate-700">
                  {p.scheduledAt ? <time dateTime={p.scheduledAt.toISOString()}>{when(p.scheduledAt)}</time> : t("noSlot")}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
    </div>
  );
}

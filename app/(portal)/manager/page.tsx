import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getManagerOverview } from "@/lib/dal/overview-manager";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Item, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime, RelativeTime } from "@/components/ui/time";
import { DataTable } from "@/components/ui/data-table";
import { ItemsOrEmpty } from "@/components/ui/items-or-empty";
import { pageFormat } from "@/components/ui/page-format";
import { ItemTitle } from "@/components/ui/item-title";
import { ChannelLabel, PostStateBadge, RiskBadge, TargetStateBadge } from "@/components/ui/domain-badges";
import { POST_STATE_TONE } from "@/components/ui/status-tones";
import { CrisisSwitchPanel } from "@/components/crisis/crisis-switch-panel";
import { ReplyApprovalsPanel } from "@/components/inbox-replies/reply-approvals-panel";
import { DueBadge } from "@/components/review/due-badge";
import { REVIEW_ROUTES } from "@/components/review/stages";
import { PUBLISH_ERROR_CODES } from "@/lib/channels/types";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("manager");
  return { title: t("title") };
}

const FLOW = ["draft", "in_review", "changes_requested", "final_review", "approved", "scheduled", "publishing", "published"] as const;
const OUTCOMES = ["expired", "failed", "cancelled"] as const;

export default async function ManagerPage() {
  const viewer = await requirePageViewer("workspace.manager");
  const data = await pageData(getManagerOverview(viewer));
  const t = await getTranslations("manager");
  const tp = await getTranslations("publishing");
  const { format, tc, tz, now, num, more, when, rel, updatedAt } = await pageFormat(viewer, data.generatedAt);
  const crisisActive = data.crisis.activeCount > 0;

  return (
    <div data-testid="manager-overview">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />

      <StatGrid label={t("stats.label")}>
        <StatCard label={t("stats.awaitingFinal")} value={num(data.awaitingFinal.count)} tone={data.awaitingFinal.count ? "brand" : "neutral"} />
        <StatCard label={t("stats.upcomingSlots")} value={num(data.upcomingSlots.count)} tone="info" />
        <StatCard
          label={t("stats.overdueReviews")}
          value={num(data.overdueReviews.count)}
          tone={data.overdueReviews.count ? "warning" : "success"}
          hint={t("stats.overdueReviewsHint")}
        />
        <StatCard
          label={t("stats.failures")}
          value={num(data.failures.count)}
          tone={data.failures.count ? "danger" : "success"}
          status={data.failures.count ? <Badge tone="danger">{t("stats.needsAction")}</Badge> : undefined}
        />
        <StatCard
          label={t("stats.slaBreached")}
          value={num(data.inboxSlaBreached)}
          tone={data.inboxSlaBreached ? "danger" : "success"}
          status={data.inboxSlaBreached ? <Badge tone="danger">{t("stats.needsAction")}</Badge> : undefined}
        />
        <StatCard
          label={t("stats.crisis")}
          value={crisisActive ? t("stats.crisisActive") : t("stats.crisisInactive")}
          tone={crisisActive ? "danger" : "success"}
          hint={
            crisisActive && data.crisis.latest
              ? data.crisis.latest.reason
              : data.crisis.lastEnded
                ? t("stats.crisisLastEnded", { time: format.dateTime(data.crisis.lastEnded.endedAt, { timeZone: tz, dateStyle: "medium" }) })
                : undefined
          }
        />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-2">
        <CrisisSwitchPanel viewer={viewer} className="lg:col-span-2" />
        <ReplyApprovalsPanel viewer={viewer} className="lg:col-span-2" />
        <Panel id="pipeline" title={t("pipeline.title")} description={t("pipeline.description")} className="lg:col-span-2">
          <ol aria-label={t("pipeline.flowLabel")} className="flex flex-wrap items-stretch gap-2">
            {FLOW.map((s, i) => (
              <li key={s} className="flex items-center gap-2">
                <div className={`min-w-28 rounded-lg border px-3 py-2 ${data.pipeline[s] ? "border-slate-200 bg-slate-50" : "border-dashed border-slate-200 bg-white"}`}>
                  <p className="text-xs text-slate-600">{tc(`postStates.${s}`)}</p>
                  <p className="text-xl font-semibold tabular-nums">{num(data.pipeline[s])}</p>
                </div>
                {i < FLOW.length - 1 && (
                  <span aria-hidden className="text-slate-400">
                    →
                  </span>
                )}
              </li>
            ))}
          </ol>
          <h3 className="mt-4 mb-2 text-xs font-semibold text-slate-600">{t("pipeline.outcomesLabel")}</h3>
          <ul className="flex flex-wrap gap-2">
            {OUTCOMES.map((s) => (
              <li key={s}>
                <Badge tone={data.pipeline[s] ? POST_STATE_TONE[s] : "muted"}>
                  {tc(`postStates.${s}`)} <span className="tabular-nums">{num(data.pipeline[s])}</span>
                </Badge>
              </li>
            ))}
          </ul>
        </Panel>

        <Panel id="awaiting-final" title={t("awaitingFinal.title")} description={t("awaitingFinal.description")} count={num(data.awaitingFinal.count)} footer={more(data.awaitingFinal.items.length, data.awaitingFinal.count)}>
          <ItemsOrEmpty items={data.awaitingFinal.items} empty={t("awaitingFinal.empty")}>
            {(p) => (
              <Item key={p.postId}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <ItemTitle title={p.title}>
                    {p.brandName} · <time dateTime={p.since.toISOString()}>{t("awaitingFinal.waiting", { time: rel(p.since) })}</time>
                  </ItemTitle>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <RiskBadge score={p.riskScore} />
                  </div>
                </div>
                <p className="mt-1 text-xs text-slate-600">
                  {p.scheduledAt ? (
                    <time dateTime={p.scheduledAt.toISOString()}>
                      {t("awaitingFinal.slot", { time: when(p.scheduledAt), relative: rel(p.scheduledAt) })}
                    </time>
                  ) : (
                    t("awaitingFinal.noSlot")
                  )}
                </p>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel
          id="failures"
          title={t("failures.title")}
          description={t("failures.description")}
          count={num(data.failures.count)}
          footer={more(data.failures.items.length, data.failures.count)}
          actions={
            <Link href="/manager/publishing" className="text-sm text-brand-700 underline-offset-2 hover:underline">
              {tp("openMonitor")}
            </Link>
          }
        >
          <ItemsOrEmpty items={data.failures.items} empty={t("failures.empty")}>
            {(f) => (
              <Item key={f.targetId}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{f.title}</p>
                    <p className="mt-0.5">
                      <ChannelLabel platform={f.platform} name={f.channelName} />
                    </p>
                  </div>
                  <TargetStateBadge state={f.targetState} />
                </div>
                <p className="mt-1 text-sm text-red-800">{tp(`errors.${f.errorCode && (PUBLISH_ERROR_CODES as readonly string[]).includes(f.errorCode) ? f.errorCode : "unknown"}`)}</p>
                {f.lastError && (
                  <details className="mt-0.5 text-xs text-slate-500">
                    <summary className="cursor-pointer">{tp("issues.detail")}</summary>
                    <p className="mt-1 break-words font-mono">{f.lastError}</p>
                  </details>
                )}
                <p className="mt-1 text-xs text-slate-500">
                  {f.scheduledAt && <time dateTime={f.scheduledAt.toISOString()}>{t("failures.slot", { time: when(f.scheduledAt) })}</time>}
                  {f.attempts !== null && <> · {t("failures.attempts", { count: f.attempts })}</>}
                </p>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel id="upcoming" title={t("upcoming.title")} description={t("upcoming.description")} count={num(data.upcomingSlots.count)} className="lg:col-span-2" footer={more(data.upcomingSlots.items.length, data.upcomingSlots.count)}>
          {data.upcomingSlots.items.length === 0 ? (
            <EmptyState>{t("upcoming.empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[40rem]" columns={[t("upcoming.colTime"), t("upcoming.colPost"), t("upcoming.colChannel"), t("upcoming.colState")]}>
              {data.upcomingSlots.items.map((s) => (
                <tr key={s.targetId}>
                  <td className="whitespace-nowrap px-4 py-2 align-top">
                    <DateTime value={s.scheduledAt} timeZone={tz} />
                    <div className="text-xs text-slate-500">
                      <RelativeTime value={s.scheduledAt} now={now} timeZone={tz} />
                    </div>
                  </td>
                  <th scope="row" className="px-4 py-2 align-top font-normal">
                    <span className="font-medium text-slate-900">{s.title}</span>
                    <span className="block text-xs text-slate-500">{s.brandName}</span>
                  </th>
                  <td className="px-4 py-2 align-top">
                    <ChannelLabel platform={s.platform} name={s.channelName} />
                  </td>
                  <td className="px-4 py-2 align-top">
                    <div className="flex flex-wrap gap-1">
                      <PostStateBadge state={s.postState} />
                      {s.postState !== "scheduled" && s.postState !== "publishing" && <Badge tone="warning">{t("upcoming.notApprovedYet")}</Badge>}
                    </div>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>

        <Panel
          id="overdue"
          title={t("overdue.title")}
          description={t("overdue.description")}
          count={num(data.overdueReviews.count)}
          className="lg:col-span-2"
          footer={more(data.overdueReviews.items.length, data.overdueReviews.count)}
        >
          <ItemsOrEmpty items={data.overdueReviews.items} empty={t("overdue.empty")}>
            {(p) => (
              <Item key={`${p.postId}:${p.stage}`} className="flex flex-wrap items-center justify-between gap-2">
                <ItemTitle title={<Link href={`${REVIEW_ROUTES[p.stage].base}/${p.postId}`} className="text-brand-700 underline-offset-2 hover:underline">{p.title}</Link>}>
                  {p.brandName} · {t(`overdue.stages.${p.stage}`)} · <time dateTime={p.since.toISOString()}>{t("awaitingFinal.waiting", { time: rel(p.since) })}</time>
                </ItemTitle>
                <div className="flex flex-wrap items-center gap-1.5">
                  <DueBadge dueAt={p.dueAt} status="overdue" escalated={p.escalated} timeZone={tz} />
                  <PostStateBadge state={p.state} />
                  <RiskBadge score={p.riskScore} />
                </div>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>
      </div>
    </div>
  );
}

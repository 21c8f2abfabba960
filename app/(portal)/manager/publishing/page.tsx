import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getPublishingSummary, listPublishingIssues, listUpcomingSlots } from "@/lib/dal/publishing-ops";
import { PUBLISH_ERROR_CODES } from "@/lib/channels/types";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Item, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { ItemsOrEmpty } from "@/components/ui/items-or-empty";
import { EmptyState } from "@/components/ui/empty-state";
import { pageFormat } from "@/components/ui/page-format";
import { ChannelLabel, TargetStateBadge } from "@/components/ui/domain-badges";
import { ResolveControls } from "./_components/resolve-controls";
import { resolvePublicationAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("publishing");
  return { title: t("title") };
}

const STATE_TONE = { needs_human_check: "danger", failed: "warning", scheduled: "info" } as const;

export default async function PublishingPage() {
  const viewer = await requirePageViewer("publication.resolve");
  const [summary, issues, upcoming] = await pageData(Promise.all([getPublishingSummary(viewer), listPublishingIssues(viewer), listUpcomingSlots(viewer)]));
  const t = await getTranslations("publishing");
  const { num, when, rel, updatedAt } = await pageFormat(viewer, new Date());
  const secs = (ms: number | null) => (ms === null ? null : (ms / 1000).toFixed(1));
  const errorText = (code: string | null) => t(`errors.${code && (PUBLISH_ERROR_CODES as readonly string[]).includes(code) ? code : "unknown"}`);

  return (
    <div data-testid="publishing-monitor">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />
      <StatGrid label={t("stats.label")}>
        <StatCard label={t("stats.published24h")} value={num(summary.published24h)} tone="success" />
        <StatCard label={t("stats.failed24h")} value={num(summary.failed24h)} tone={summary.failed24h ? "warning" : "success"} />
        <StatCard
          label={t("stats.needsHuman")}
          value={num(summary.needsHuman)}
          tone={summary.needsHuman ? "danger" : "success"}
          hint={t("stats.needsHumanHint")}
        />
        <StatCard label={t("stats.retrying")} value={num(summary.retrying)} tone={summary.retrying ? "info" : "neutral"} />
        <StatCard label={t("stats.held")} value={num(summary.held)} tone={summary.held ? "warning" : "neutral"} />
        <StatCard
          label={t("stats.lag")}
          value={summary.lagP50Ms === null ? t("stats.lagNone") : t("stats.lagValue", { p50: secs(summary.lagP50Ms)!, p95: secs(summary.lagP95Ms)! })}
          hint={t("stats.due48h") + ": " + num(summary.due48h)}
        />
      </StatGrid>

      <div className="grid gap-4">
        <Panel id="publishing-issues" title={t("issues.title")} description={t("issues.description")} count={num(issues.length)}>
          {issues.length === 0 ? (
            <EmptyState>{t("issues.empty")}</EmptyState>
          ) : (
            <DataTable
              minWidth="min-w-[960px]"
              columns={[t("issues.columns.post"), t("issues.columns.channel"), t("issues.columns.state"), t("issues.columns.error"), { label: t("issues.columns.actions"), align: "right" }]}
            >
              {issues.map((i) => (
                <tr key={i.targetId} data-testid={`issue-${i.targetId}`} className="align-top">
                  <th scope="row" className="px-4 py-3 font-normal">
                    <Link href={`/manager/approvals/${i.postId}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                      {i.postTitle}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {i.brandName}
                      {i.slotAt ? ` · ${when(i.slotAt)}` : ""}
                    </p>
                  </th>
                  <td className="px-4 py-3">
                    <ChannelLabel platform={i.platform} name={i.channelHandle} />
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={STATE_TONE[i.targetState]}>{t(`states.${i.targetState}`)}</Badge>
                    <p className="mt-1 text-xs text-slate-500">{t("issues.attempts", { count: i.attempts })}</p>
                    {i.nextAttemptAt && <p className="text-xs text-slate-500">{t("issues.retryAt", { time: when(i.nextAttemptAt) })}</p>}
                  </td>
                  <td className="px-4 py-3 text-sm">
                    <p>{errorText(i.errorCode)}</p>
                    <p className="text-xs text-slate-500">
                      <time dateTime={i.updatedAt.toISOString()}>{rel(i.updatedAt)}</time>
                    </p>
                    {i.errorDetail && (
                      <details className="mt-1 text-xs text-slate-500">
                        <summary className="cursor-pointer">{t("issues.detail")}</summary>
                        <p className="mt-1 max-w-md break-words font-mono">{i.errorDetail}</p>
                      </details>
                    )}
                  </td>
                  <td className="px-4 py-3 text-right">
                    <ResolveControls targetId={i.targetId} targetState={i.targetState} action={resolvePublicationAction} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>

        <Panel id="upcoming-slots" title={t("upcoming.title")} description={t("upcoming.description")} count={num(upcoming.length)}>
          <ItemsOrEmpty items={upcoming} empty={t("upcoming.empty")}>
            {(u) => (
              <Item key={`${u.postId}-${u.handle}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0">
                    <Link href={`/manager/approvals/${u.postId}`} className="font-medium text-slate-900 hover:underline">
                      {u.title}
                    </Link>
                    <p className="text-xs text-slate-600">
                      {u.slotAt && <time dateTime={u.slotAt.toISOString()}>{`${when(u.slotAt)} (${rel(u.slotAt)})`}</time>}
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    <ChannelLabel platform={u.platform} name={u.handle} />
                    <TargetStateBadge state={u.targetState} />
                  </div>
                </div>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>
      </div>
    </div>
  );
}

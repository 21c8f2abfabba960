import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getCommunityOverview, type CommunityInboxItem } from "@/lib/dal/overview-community";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Item, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { ItemsOrEmpty } from "@/components/ui/items-or-empty";
import { pageFormat } from "@/components/ui/page-format";
import { SlaBadge } from "@/components/ui/time";
import { ChannelLabel, InboxStatusBadge, PriorityBadge, RiskBadge, SentimentBadge } from "@/components/ui/domain-badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("community");
  return { title: t("title") };
}

export default async function CommunityPage() {
  const viewer = await requirePageViewer("workspace.community");
  const data = await pageData(getCommunityOverview(viewer));
  const t = await getTranslations("community");
  const { tc, tz, now, num, more, rel, updatedAt } = await pageFormat(viewer, data.generatedAt);
  const { byStatus, slaBreached, dueWithinHour, mine } = data.counts;

  /** The message as the agent sees it: kind, author, first line (or a note when a DM is not readable). */
  const message = (i: CommunityInboxItem) => (
    <>
      <span className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
        <Badge tone="muted">{tc(`inboxKinds.${i.kind}`)}</Badge>
        <span>{i.authorName ? t("item.from", { name: i.authorName }) : t("item.anonymous")}</span>
        {i.isMine && <Badge tone="brand">{t("item.mine")}</Badge>}
      </span>
      <span lang={i.language ?? undefined} className="mt-1 block text-sm text-slate-900">
        {i.excerpt ?? <span className="italic text-slate-500">{tc("dmBodyHidden")}</span>}
      </span>
    </>
  );

  return (
    <div data-testid="community-overview">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />

      <StatGrid label={t("stats.label")}>
        <StatCard label={t("stats.open")} value={num(byStatus.open)} tone="info" />
        <StatCard label={t("stats.assigned")} value={num(byStatus.assigned)} tone="brand" hint={t("stats.waitingHint", { count: byStatus.waiting })} />
        <StatCard label={t("stats.escalated")} value={num(byStatus.escalated)} tone={byStatus.escalated ? "warning" : "neutral"} />
        <StatCard
          label={t("stats.slaBreached")}
          value={num(slaBreached)}
          tone={slaBreached ? "danger" : "success"}
          status={slaBreached ? <Badge tone="danger">{t("stats.needsAction")}</Badge> : undefined}
        />
        <StatCard
          label={t("stats.dueWithinHour")}
          value={num(dueWithinHour)}
          tone={dueWithinHour ? "warning" : "success"}
          status={dueWithinHour ? <Badge tone="warning">{t("stats.soon")}</Badge> : undefined}
        />
        <StatCard label={t("stats.mine")} value={num(mine)} tone="brand" />
      </StatGrid>

      <div className="grid gap-4 xl:grid-cols-3">
        <Panel id="urgent" title={t("urgent.title")} description={t("urgent.description")} className="xl:col-span-2" footer={more(data.urgent.length, data.counts.awaitingResponse)}>
          {data.urgent.length === 0 ? (
            <EmptyState>{t("urgent.empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[44rem]" columns={[t("urgent.colDue"), t("urgent.colMessage"), t("urgent.colChannel"), t("urgent.colSignals"), t("urgent.colStatus")]}>
              {data.urgent.map((i) => (
                <tr key={i.id} data-testid="urgent-item">
                  <td className="whitespace-nowrap px-4 py-2.5 align-top">
                    <SlaBadge dueAt={i.slaDueAt} now={now} timeZone={tz} />
                  </td>
                  <th scope="row" className="max-w-md px-4 py-2.5 align-top font-normal">
                    {message(i)}
                  </th>
                  <td className="px-4 py-2.5 align-top">
                    <ChannelLabel platform={i.platform} name={i.channelName} />
                  </td>
                  <td className="px-4 py-2.5 align-top">
                    <div className="flex flex-col items-start gap-1">
                      <SentimentBadge sentiment={i.sentiment} />
                      <RiskBadge score={i.riskScore} />
                    </div>
                  </td>
                  <td className="px-4 py-2.5 align-top">
                    <div className="flex flex-col items-start gap-1">
                      <InboxStatusBadge status={i.status} />
                      <PriorityBadge priority={i.priority} />
                    </div>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>

        <Panel id="mine" title={t("mine.title")} description={t("mine.description")} count={num(mine)} footer={more(data.mine.length, mine)}>
          <ItemsOrEmpty items={data.mine} empty={t("mine.empty")}>
            {(i) => (
              <Item key={i.id}>
                <div className="mb-1 flex flex-wrap items-center gap-1.5">
                  {i.firstResponseAt ? <Badge tone="success">{tc("sla.responded")}</Badge> : <SlaBadge dueAt={i.slaDueAt} now={now} timeZone={tz} />}
                  <InboxStatusBadge status={i.status} />
                </div>
                {message(i)}
                <p className="mt-1 flex flex-wrap items-center gap-2">
                  <ChannelLabel platform={i.platform} name={i.channelName} />
                  <time dateTime={i.receivedAt.toISOString()} className="text-xs text-slate-500">
                    {t("mine.received", { time: rel(i.receivedAt) })}
                  </time>
                </p>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getPrOverview, RECENT_PUBLISHED_DAYS } from "@/lib/dal/overview-pr";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { dateTimeFormat } from "@/components/ui/time";
import { ChannelLabel, InboxStatusBadge, RiskBadge, SentimentBadge } from "@/components/ui/domain-badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pr");
  return { title: t("title") };
}

export default async function PrPage() {
  const viewer = await requirePageViewer("workspace.pr");
  const data = await pageData(getPrOverview(viewer));
  const t = await getTranslations("pr");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const now = data.generatedAt;
  const tz = viewer.timeZone;
  const num = (n: number) => format.number(n);
  const more = (shown: number, total: number) => (shown < total ? tc("showingFirst", { shown: num(shown), total: num(total) }) : undefined);
  const when = (d: Date) => format.dateTime(d, dateTimeFormat(tz));
  const rel = (d: Date) => format.relativeTime(d, now);
  const c = data.counts;

  return (
    <div data-testid="pr-overview">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={tc("updatedAt", { time: format.dateTime(now, { timeZone: tz, timeStyle: "short" }) })} />

      <StatGrid label={t("stats.label")} className="xl:grid-cols-4">
        <StatCard label={t("stats.awaitingPr")} value={num(c.awaitingPr)} tone={c.awaitingPr ? "brand" : "success"} />
        <StatCard
          label={t("stats.escalated")}
          value={num(c.escalated)}
          tone={c.escalated ? "danger" : "success"}
          status={c.escalated ? <Badge tone="danger">{t("stats.needsAction")}</Badge> : undefined}
        />
        <StatCard label={t("stats.blackouts")} value={num(c.blackouts)} tone={data.blackouts.some((b) => b.isActive) ? "warning" : "neutral"} />
        <StatCard label={t("stats.recentPublished", { days: RECENT_PUBLISHED_DAYS })} value={num(c.recentPublished)} tone="neutral" />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel id="escalations" title={t("escalations.title")} description={t("escalations.description")} count={num(c.escalated)} className="lg:col-span-2" footer={more(data.escalations.length, c.escalated)}>
          {data.escalations.length === 0 ? (
            <EmptyState>{t("escalations.empty")}</EmptyState>
          ) : (
            <ItemList>
              {data.escalations.map((e) => (
                <Item key={e.escalationId}>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <Badge tone="muted">{tc(`inboxKinds.${e.kind}`)}</Badge>
                    <ChannelLabel platform={e.platform} name={e.channelName} />
                    <SentimentBadge sentiment={e.sentiment} />
                    <RiskBadge score={e.riskScore} />
                    <InboxStatusBadge status={e.status} />
                  </div>
                  <blockquote className="mt-1.5 border-l-4 border-slate-200 pl-3 text-sm text-slate-900">
                    {e.excerpt ?? <span className="italic text-slate-500">{tc("dmBodyHidden")}</span>}
                  </blockquote>
                  <p className="mt-1.5 text-sm text-slate-700">
                    <span className="font-semibold">{t("escalations.reason")}</span> {e.reason}
                  </p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    <time dateTime={e.escalatedAt.toISOString()}>{t("escalations.by", { name: e.escalatedByName ?? "—", time: rel(e.escalatedAt) })}</time>
                  </p>
                </Item>
              ))}
            </ItemList>
          )}
        </Panel>

        <Panel id="awaiting-pr" title={t("awaiting.title")} description={t("awaiting.description")} count={num(c.awaitingPr)} footer={more(data.awaitingPr.length, c.awaitingPr)}>
          {data.awaitingPr.length === 0 ? (
            <EmptyState>{t("awaiting.empty")}</EmptyState>
          ) : (
            <ItemList>
              {data.awaitingPr.map((p) => (
                <Item key={p.postId}>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">{p.title}</p>
                      <p className="text-xs text-slate-500">
                        {p.brandName}
                        {p.authorName && <> · {t("awaiting.by", { name: p.authorName })}</>} ·{" "}
                        <time dateTime={p.submittedAt.toISOString()}>{t("awaiting.submitted", { time: rel(p.submittedAt) })}</time>
                      </p>
                    </div>
                    <RiskBadge score={p.riskScore} />
                  </div>
                  <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                    {p.scheduledAt ? (
                      <time dateTime={p.scheduledAt.toISOString()}>{t("awaiting.slot", { time: when(p.scheduledAt) })}</time>
                    ) : (
                      t("awaiting.noSlot")
                    )}
                    {p.kind !== "post" && <Badge tone="info">{tc(`postKinds.${p.kind}`)}</Badge>}
                    {p.isCommercial && <Badge tone="warning">{t("awaiting.commercial")}</Badge>}
                    {p.requiresLegal && <Badge tone="muted">{t("awaiting.legalToo")}</Badge>}
                  </p>
                </Item>
              ))}
            </ItemList>
          )}
        </Panel>

        <Panel id="blackouts" title={t("blackouts.title")} description={t("blackouts.description")} count={num(c.blackouts)}>
          {data.blackouts.length === 0 ? (
            <EmptyState>{t("blackouts.empty")}</EmptyState>
          ) : (
            <ItemList>
              {data.blackouts.map((b) => (
                <Item key={b.id}>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <Badge tone={b.isActive ? "danger" : "warning"}>{b.isActive ? t("blackouts.active") : t("blackouts.upcoming")}</Badge>
                    <span className="text-xs font-medium text-slate-600">{b.brandName ?? tc("allBrands")}</span>
                  </div>
                  <p className="mt-1 text-sm text-slate-900">{b.reason}</p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {t("blackouts.range", { from: when(b.startsAt), to: when(b.endsAt) })} ·{" "}
                    {b.isActive ? t("blackouts.endsIn", { time: rel(b.endsAt) }) : t("blackouts.startsIn", { time: rel(b.startsAt) })}
                  </p>
                </Item>
              ))}
            </ItemList>
          )}
        </Panel>

        <Panel
          id="published"
          title={t("published.title")}
          description={t("published.description", { days: RECENT_PUBLISHED_DAYS })}
          count={num(c.recentPublished)}
          className="lg:col-span-2"
          footer={more(data.recentPublished.length, c.recentPublished)}
        >
          {data.recentPublished.length === 0 ? (
            <EmptyState>{t("published.empty", { days: RECENT_PUBLISHED_DAYS })}</EmptyState>
          ) : (
            <ItemList>
              {data.recentPublished.map((p) => (
                <Item key={p.postId} className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{p.title}</p>
                    <p className="text-xs text-slate-500">
                      {p.brandName} · {p.platforms.map((pl) => tc(`platforms.${pl}`)).join(" / ")}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-1.5">
                    {p.kind !== "post" && <Badge tone="info">{tc(`postKinds.${p.kind}`)}</Badge>}
                    {p.hasCorrection && <Badge tone="warning">{t("published.corrected")}</Badge>}
                    <time dateTime={p.publishedAt.toISOString()} className="text-xs tabular-nums text-slate-600">
                      {when(p.publishedAt)}
                    </time>
                  </div>
                </Item>
              ))}
            </ItemList>
          )}
        </Panel>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getPrOverview, RECENT_PUBLISHED_DAYS } from "@/lib/dal/overview-pr";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Item, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { ItemsOrEmpty } from "@/components/ui/items-or-empty";
import { pageFormat } from "@/components/ui/page-format";
import { ItemTitle } from "@/components/ui/item-title";
import { ChannelLabel, InboxStatusBadge, RiskBadge, SentimentBadge } from "@/components/ui/domain-badges";
import { CrisisSwitchPanel } from "@/components/crisis/crisis-switch-panel";
import { ReplyApprovalsPanel } from "@/components/inbox-replies/reply-approvals-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pr");
  return { title: t("title") };
}

export default async function PrPage() {
  const viewer = await requirePageViewer("workspace.pr");
  const data = await pageData(getPrOverview(viewer));
  const t = await getTranslations("pr");
  const { tc, num, more, when, rel, updatedAt } = await pageFormat(viewer, data.generatedAt);
  const c = data.counts;

  return (
    <div data-testid="pr-overview">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />

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
        <CrisisSwitchPanel viewer={viewer} className="lg:col-span-2" />
        <ReplyApprovalsPanel viewer={viewer} className="lg:col-span-2" />
        <Panel id="escalations" title={t("escalations.title")} description={t("escalations.description")} count={num(c.escalated)} className="lg:col-span-2" footer={more(data.escalations.length, c.escalated)}>
          <ItemsOrEmpty items={data.escalations} empty={t("escalations.empty")}>
            {(e) => (
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
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel id="awaiting-pr" title={t("awaiting.title")} description={t("awaiting.description")} count={num(c.awaitingPr)} footer={more(data.awaitingPr.length, c.awaitingPr)}>
          <ItemsOrEmpty items={data.awaitingPr} empty={t("awaiting.empty")}>
            {(p) => (
              <Item key={p.postId}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <ItemTitle title={p.title}>
                    {p.brandName}
                    {p.authorName && <> · {t("awaiting.by", { name: p.authorName })}</>} ·{" "}
                    <time dateTime={p.submittedAt.toISOString()}>{t("awaiting.submitted", { time: rel(p.submittedAt) })}</time>
                  </ItemTitle>
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
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel id="blackouts" title={t("blackouts.title")} description={t("blackouts.description")} count={num(c.blackouts)}>
          <ItemsOrEmpty items={data.blackouts} empty={t("blackouts.empty")}>
            {(b) => (
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
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel
          id="published"
          title={t("published.title")}
          description={t("published.description", { days: RECENT_PUBLISHED_DAYS })}
          count={num(c.recentPublished)}
          className="lg:col-span-2"
          footer={more(data.recentPublished.length, c.recentPublished)}
        >
          <ItemsOrEmpty items={data.recentPublished} empty={t("published.empty", { days: RECENT_PUBLISHED_DAYS })}>
            {(p) => (
              <Item key={p.postId} className="flex flex-wrap items-center justify-between gap-2">
                <ItemTitle title={p.title}>
                  {p.brandName} · {p.platforms.map((pl) => tc(`platforms.${pl}`)).join(" / ")}
                </ItemTitle>
                <div className="flex flex-wrap items-center gap-1.5">
                  {p.kind !== "post" && <Badge tone="info">{tc(`postKinds.${p.kind}`)}</Badge>}
                  {p.hasCorrection && <Badge tone="warning">{t("published.corrected")}</Badge>}
                  <time dateTime={p.publishedAt.toISOString()} className="text-xs tabular-nums text-slate-600">
                    {when(p.publishedAt)}
                  </time>
                </div>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getStudioOverview, LICENCE_WARNING_DAYS, SCHEDULED_SOON_DAYS } from "@/lib/dal/overview-studio";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Item, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { ItemsOrEmpty } from "@/components/ui/items-or-empty";
import { pageFormat } from "@/components/ui/page-format";
import { ItemTitle } from "@/components/ui/item-title";
import { dateFormat } from "@/components/ui/time";
import { PostStateBadge } from "@/components/ui/domain-badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("studio");
  return { title: t("title") };
}

export default async function StudioPage() {
  const viewer = await requirePageViewer("workspace.studio");
  const data = await pageData(getStudioOverview(viewer));
  const t = await getTranslations("studio");
  const { format, tc, tz, now, num, more, when, rel, updatedAt } = await pageFormat(viewer, data.generatedAt);
  const c = data.counts;

  return (
    <div data-testid="studio-overview">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />

      <StatGrid label={t("stats.label")} className="xl:grid-cols-5">
        <StatCard label={t("stats.drafts")} value={num(c.drafts)} tone="muted" />
        <StatCard
          label={t("stats.returned")}
          value={num(c.returned)}
          tone={c.returned ? "warning" : "success"}
          status={c.returned ? <Badge tone="warning">{t("stats.fixNeeded")}</Badge> : undefined}
        />
        <StatCard label={t("stats.inReview")} value={num(c.inReview)} tone="info" />
        <StatCard label={t("stats.scheduledSoon", { days: SCHEDULED_SOON_DAYS })} value={num(c.scheduledSoon)} tone="success" />
        <StatCard
          label={t("stats.expiringAssets")}
          value={num(c.expiringAssets)}
          tone={c.expiringAssets ? "warning" : "success"}
          status={c.expiringAssets ? <Badge tone="warning">{t("stats.check")}</Badge> : undefined}
        />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel id="returned" title={t("returned.title")} description={t("returned.description")} count={num(c.returned)} className="lg:col-span-2" footer={more(data.returned.length, c.returned)}>
          <ItemsOrEmpty items={data.returned} empty={t("returned.empty")}>
            {(p) => (
              <Item key={p.postId}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <ItemTitle title={p.title}>
                    {p.brandName}
                    {p.scheduledAt && <> · {t("returned.slot", { time: when(p.scheduledAt) })}</>}
                  </ItemTitle>
                  <PostStateBadge state={p.state} />
                </div>
                <ul className="mt-2 space-y-1.5">
                  {p.findings.map((f, i) => (
                    <li key={i} className="rounded-md border-l-4 border-amber-400 bg-amber-50 px-3 py-2 text-sm">
                      <p className="text-xs font-semibold text-amber-900">
                        {f.reviewerName
                          ? t("returned.finding", { stage: tc(`reviewStages.${f.stage}`), name: f.reviewerName })
                          : t("returned.findingNoName", { stage: tc(`reviewStages.${f.stage}`) })}
                        <time dateTime={f.at.toISOString()} className="ml-2 font-normal text-amber-800">
                          {rel(f.at)}
                        </time>
                      </p>
                      <p className="mt-0.5 text-slate-800">{f.reason ?? t("returned.noReason")}</p>
                    </li>
                  ))}
                </ul>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel id="drafts" title={t("drafts.title")} description={t("drafts.description")} count={num(c.drafts)} footer={more(data.drafts.length, c.drafts)}>
          <ItemsOrEmpty items={data.drafts} empty={t("drafts.empty")}>
            {(p) => (
              <Item key={p.postId}>
                <p className="font-medium text-slate-900">{p.title}</p>
                <p className="text-xs text-slate-500">
                  {p.brandName} · <time dateTime={p.updatedAt.toISOString()}>{t("drafts.edited", { time: rel(p.updatedAt) })}</time> ·{" "}
                  {p.scheduledAt ? t("drafts.slot", { time: when(p.scheduledAt) }) : t("drafts.noSlot")}
                </p>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel id="in-review" title={t("inReview.title")} description={t("inReview.description")} count={num(c.inReview)} footer={more(data.inReview.length, c.inReview)}>
          <ItemsOrEmpty items={data.inReview} empty={t("inReview.empty")}>
            {(p) => {
              const stages = [
                { key: "pr", state: p.prApproved ? "done" : "waiting" },
                { key: "legal", state: !p.requiresLegal ? "skipped" : p.legalApproved ? "done" : "waiting" },
                { key: "final", state: "waiting" },
              ] as const;
              return (
                <Item key={p.postId}>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <ItemTitle title={p.title}>
                      {p.brandName}
                      {p.scheduledAt && <> · {t("inReview.slot", { time: when(p.scheduledAt) })}</>}
                    </ItemTitle>
                    <PostStateBadge state={p.state} />
                  </div>
                  <ol aria-label={t("inReview.stagesLabel")} className="mt-1.5 flex flex-wrap gap-1.5">
                    {stages.map((s) => (
                      <li key={s.key}>
                        <Badge tone={s.state === "done" ? "success" : s.state === "skipped" ? "muted" : "info"}>
                          {t(s.state === "done" ? "inReview.stageDone" : s.state === "skipped" ? "inReview.stageSkipped" : "inReview.stageWaiting", {
                            stage: tc(`reviewStages.${s.key}`),
                          })}
                        </Badge>
                      </li>
                    ))}
                  </ol>
                </Item>
              );
            }}
          </ItemsOrEmpty>
        </Panel>

        <Panel id="scheduled" title={t("scheduled.title")} description={t("scheduled.description", { days: SCHEDULED_SOON_DAYS })} count={num(c.scheduledSoon)} footer={more(data.scheduledSoon.length, c.scheduledSoon)}>
          <ItemsOrEmpty items={data.scheduledSoon} empty={t("scheduled.empty", { days: SCHEDULED_SOON_DAYS })}>
            {(p) => (
              <Item key={p.postId} className="flex items-start justify-between gap-2">
                <ItemTitle title={p.title}>
                  {p.brandName}
                  {p.authorName && <> · {t("scheduled.by", { name: p.authorName })}</>}
                </ItemTitle>
                <div className="flex shrink-0 flex-col items-end gap-1 text-right">
                  {p.scheduledAt && (
                    <time dateTime={p.scheduledAt.toISOString()} className="text-sm tabular-nums text-slate-800">
                      {when(p.scheduledAt)}
                      <span className="block text-xs text-slate-500">{rel(p.scheduledAt)}</span>
                    </time>
                  )}
                  {p.isMine && <Badge tone="brand">{t("scheduled.mine")}</Badge>}
                </div>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel
          id="assets"
          title={t("assets.title")}
          description={t("assets.description", { days: LICENCE_WARNING_DAYS })}
          count={num(c.expiringAssets)}
          footer={more(data.expiringAssets.length, c.expiringAssets)}
        >
          <ItemsOrEmpty items={data.expiringAssets} empty={t("assets.empty")}>
            {(a) => {
              const expired = a.licenceExpiresAt <= now;
              return (
                <Item key={a.id}>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="break-all font-medium text-slate-900">
                        <Link href={`/studio/assets/${a.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                          {a.originalName}
                        </Link>
                      </p>
                      <p className="text-xs text-slate-500">
                        {t(`assets.kinds.${a.kind}`)} · {t(`assets.sources.${a.source}`)}
                        {a.brandName && <> · {a.brandName}</>}
                      </p>
                    </div>
                    <Badge tone={expired ? "danger" : "warning"}>
                      {expired ? t("assets.expired") : rel(a.licenceExpiresAt)}
                    </Badge>
                  </div>
                  {a.licence && <p className="mt-1 text-xs text-slate-600">{a.licence}</p>}
                  <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                    <time dateTime={a.licenceExpiresAt.toISOString()}>{t("assets.expiresOn", { date: format.dateTime(a.licenceExpiresAt, dateFormat(tz)) })}</time>
                    {a.hasLikeness && <Badge tone="info">{t("assets.likeness")}</Badge>}
                  </p>
                </Item>
              );
            }}
          </ItemsOrEmpty>
        </Panel>
      </div>
    </div>
  );
}

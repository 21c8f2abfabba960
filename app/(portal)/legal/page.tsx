import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getLegalOverview, LEGAL_SUBJECT_KINDS } from "@/lib/dal/overview-legal";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Item, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { ItemsOrEmpty } from "@/components/ui/items-or-empty";
import { pageFormat } from "@/components/ui/page-format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("title") };
}

export default async function LegalPage() {
  const viewer = await requirePageViewer("workspace.legal");
  const data = await pageData(getLegalOverview(viewer));
  const t = await getTranslations("legal");
  const { tc, now, num, more, when, rel, updatedAt } = await pageFormat(viewer, data.generatedAt);
  const c = data.counts;

  return (
    <div data-testid="legal-overview">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />

      <StatGrid label={t("stats.label")} className="xl:grid-cols-5">
        <StatCard label={t("stats.openReviews")} value={num(c.openReviews)} tone="info" />
        <StatCard
          label={t("stats.overdue")}
          value={num(c.overdue)}
          tone={c.overdue ? "danger" : "success"}
          status={c.overdue ? <Badge tone="danger">{t("stats.overdueBadge")}</Badge> : <Badge tone="success">{t("stats.clear")}</Badge>}
        />
        <StatCard label={t("stats.mine")} value={num(c.mine)} tone="brand" />
        <StatCard label={t("stats.activeHolds")} value={num(c.activeHolds)} tone={c.activeHolds ? "warning" : "neutral"} />
        <StatCard label={t("stats.openTakedowns")} value={num(c.openTakedowns)} tone={c.openTakedowns ? "warning" : "neutral"} />
      </StatGrid>

      <div className="grid gap-4 xl:grid-cols-3">
        <Panel id="reviews" title={t("reviews.title")} description={t("reviews.description")} count={num(c.openReviews)} className="xl:col-span-2" footer={more(data.reviews.length, c.openReviews)}>
          {data.reviews.length === 0 ? (
            <EmptyState>{t("reviews.empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[40rem]" columns={[t("reviews.colDue"), t("reviews.colSubject"), t("reviews.colKind"), t("reviews.colState"), t("reviews.colAssignee")]}>
              {data.reviews.map((r) => (
                <tr key={r.id} className={r.isOverdue ? "bg-red-50/60" : undefined} data-testid={r.isOverdue ? "review-overdue" : "review"}>
                  <td className="whitespace-nowrap px-4 py-2.5 align-top">
                    {r.dueAt ? (
                      <time dateTime={r.dueAt.toISOString()} className="block">
                        <span className="tabular-nums text-slate-800">{when(r.dueAt)}</span>
                        <span className="mt-1 block">
                          <Badge tone={r.isOverdue ? "danger" : r.dueAt.getTime() - now.getTime() < 24 * 3_600_000 ? "warning" : "neutral"}>
                            {r.isOverdue ? t("reviews.overdue", { time: rel(r.dueAt) }) : t("reviews.dueIn", { time: rel(r.dueAt) })}
                          </Badge>
                        </span>
                      </time>
                    ) : (
                      <span className="text-slate-500">{t("reviews.noDue")}</span>
                    )}
                  </td>
                  <th scope="row" className="px-4 py-2.5 align-top font-normal">
                    <span className="font-medium text-slate-900">{r.title}</span>
                    {r.postTitle && <span className="block text-xs text-slate-500">{t("reviews.post", { title: r.postTitle })}</span>}
                  </th>
                  <td className="px-4 py-2.5 align-top">
                    <Badge tone="muted">{t(`kinds.${r.subjectKind}`)}</Badge>
                  </td>
                  <td className="px-4 py-2.5 align-top">
                    <Badge tone={r.state === "in_progress" ? "info" : "neutral"}>{t(`states.${r.state}`)}</Badge>
                  </td>
                  <td className="px-4 py-2.5 align-top text-xs text-slate-700">
                    {r.assigneeName ?? tc("unassigned")}
                    {r.isMine && (
                      <span className="ml-1">
                        <Badge tone="brand">{t("reviews.mine")}</Badge>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>

        <Panel id="by-kind" title={t("byKind.title")} description={t("byKind.description")}>
          <dl className="divide-y divide-slate-100">
            {LEGAL_SUBJECT_KINDS.map((k) => (
              <div key={k} className="flex items-center justify-between py-2 text-sm">
                <dt className="text-slate-700">{t(`kinds.${k}`)}</dt>
                <dd className="font-semibold tabular-nums text-slate-900">{num(c.byKind[k])}</dd>
              </div>
            ))}
          </dl>
        </Panel>

        <Panel id="holds" title={t("holds.title")} description={t("holds.description")} count={num(c.activeHolds)} footer={more(data.holds.length, c.activeHolds)}>
          <ItemsOrEmpty items={data.holds} empty={t("holds.empty")}>
            {(h) => (
              <Item key={h.id}>
                <div className="flex flex-wrap items-center gap-1.5">
                  <Badge tone="warning">{t(`holds.subjects.${h.subjectKind}`)}</Badge>
                  <code className="break-all text-xs text-slate-500">{h.subjectRef}</code>
                </div>
                <p className="mt-1 text-sm text-slate-900">{h.reason}</p>
                <p className="mt-0.5 text-xs text-slate-500">
                  <time dateTime={h.placedAt.toISOString()}>{t("holds.placed", { name: h.placedByName ?? "—", time: rel(h.placedAt) })}</time>
                </p>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>

        <Panel id="takedowns" title={t("takedowns.title")} description={t("takedowns.description")} count={num(c.openTakedowns)} className="xl:col-span-2" footer={more(data.takedowns.length, c.openTakedowns)}>
          <ItemsOrEmpty items={data.takedowns} empty={t("takedowns.empty")}>
            {(d) => (
              <Item key={d.id}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <p className="font-medium text-slate-900">{d.complainant}</p>
                  <Badge tone={d.status === "received" ? "warning" : "info"}>{t(`takedowns.statuses.${d.status}`)}</Badge>
                </div>
                <p className="mt-1 text-sm text-slate-800">{d.description}</p>
                <p className="mt-0.5 text-xs text-slate-500">
                  <time dateTime={d.receivedAt.toISOString()}>{t("takedowns.received", { time: rel(d.receivedAt) })}</time>
                  {d.url && (
                    <>
                      {" · "}
                      <span className="break-all font-mono">{d.url}</span>
                    </>
                  )}
                </p>
              </Item>
            )}
          </ItemsOrEmpty>
        </Panel>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { legalQueueOptions, listLegalQueue, queueFilterSchema, type LegalQueueFilters } from "@/lib/dal/legal-queue";
import { LEGAL_KINDS, LEGAL_STATES, RISKS } from "@/lib/domain/legal-review";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { pageFormat } from "@/components/ui/page-format";
import { KindBadge, RiskLevelBadge, SlaBadge, StateBadge } from "../_components/badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

/** Search params → filters: unknown or malformed values are dropped (the queue then shows everything undecided). */
function filtersOf(sp: Search): LegalQueueFilters {
  const out: Record<string, string> = {};
  for (const k of ["kind", "brandId", "channelId", "risk", "assignee", "state", "sla"] as const) {
    const v = sp[k];
    if (typeof v === "string" && v) out[k] = v;
  }
  const parsed = queueFilterSchema.safeParse(out);
  if (parsed.success) return parsed.data;
  const ok: Record<string, string> = {};
  for (const [k, v] of Object.entries(out)) if (queueFilterSchema.safeParse({ [k]: v }).success) ok[k] = v;
  return ok as LegalQueueFilters;
}

const selectCls = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-200";

export default async function LegalQueuePage({ searchParams }: { searchParams?: Promise<Search> } = {}) {
  const viewer = await requirePageViewer("legal_review.read");
  const filters = filtersOf((await searchParams) ?? {});
  const [queue, options] = await pageData(Promise.all([listLegalQueue(viewer, filters), legalQueueOptions(viewer)]));
  const t = await getTranslations("legalQueue");
  const tl = await getTranslations("legal");
  const { tc, num, when, rel, updatedAt } = await pageFormat(viewer, queue.generatedAt);
  const c = queue.counts;
  const filtered = Object.keys(filters).length > 0;
  const canDecide = viewer.permissions.has("legal_review.decide");
  const q = (o: Partial<Record<string, string>>) => `/legal?${new URLSearchParams(o as Record<string, string>).toString()}`;

  return (
    <div data-testid="legal-queue">
      <PageHeader title={tl("title")} subtitle={t("subtitle")} meta={updatedAt()} />
      {!canDecide && (
        <p role="note" className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="legal-read-only">
          {t("readOnly")}
        </p>
      )}

      <StatGrid label={t("stats.label")} className={canDecide ? "xl:grid-cols-5" : "xl:grid-cols-4"}>
        <StatCard label={t("stats.open")} value={<Link href="/legal" className="hover:underline">{num(c.open)}</Link>} tone="info" />
        {canDecide && <StatCard label={t("stats.mine")} value={<Link href={q({ assignee: "me" })} className="hover:underline">{num(c.mine)}</Link>} tone="brand" />}
        <StatCard label={t("stats.unassigned")} value={<Link href={q({ assignee: "unassigned" })} className="hover:underline">{num(c.unassigned)}</Link>} tone={c.unassigned ? "warning" : "neutral"} />
        <StatCard
          label={t("stats.warning")}
          value={<Link href={q({ sla: "warning" })} className="hover:underline">{num(c.warning)}</Link>}
          tone={c.warning ? "warning" : "success"}
        />
        <StatCard
          label={t("stats.breached")}
          value={<Link href={q({ sla: "breached" })} className="hover:underline">{num(c.breached)}</Link>}
          tone={c.breached ? "danger" : "success"}
          status={c.breached ? <Badge tone="danger">{t("sla.breached")}</Badge> : <Badge tone="success">{t("sla.ok")}</Badge>}
        />
      </StatGrid>

      <Panel id="legal-filters" title={t("filters.label")}>
        <form method="get" action="/legal" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-8" data-testid="legal-filters">
          <label className="text-xs font-medium text-slate-600">
            {t("filters.kind")}
            <select name="kind" defaultValue={filters.kind ?? ""} className={selectCls} data-testid="filter-kind">
              <option value="">{t("filters.any")}</option>
              {LEGAL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)} ({num(c.byKind[k])})
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            {t("filters.brand")}
            <select name="brandId" defaultValue={filters.brandId ?? ""} className={selectCls}>
              <option value="">{t("filters.any")}</option>
              {options.brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {viewer.locale === "en" ? b.nameEn : b.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            {t("filters.channel")}
            <select name="channelId" defaultValue={filters.channelId ?? ""} className={selectCls}>
              <option value="">{t("filters.any")}</option>
              {options.channels.map((ch) => (
                <option key={ch.id} value={ch.id}>
                  {tc(`platforms.${ch.platform}`)} · {ch.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            {t("filters.risk")}
            <select name="risk" defaultValue={filters.risk ?? ""} className={selectCls}>
              <option value="">{t("filters.any")}</option>
              {RISKS.map((r) => (
                <option key={r} value={r}>
                  {t(`risks.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            {t("filters.assignee")}
            <select name="assignee" defaultValue={filters.assignee ?? ""} className={selectCls} data-testid="filter-assignee">
              <option value="">{t("filters.any")}</option>
              {canDecide && <option value="me">{t("filters.me")}</option>}
              <option value="unassigned">{t("filters.unassigned")}</option>
              {options.staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            {t("filters.state")}
            <select name="state" defaultValue={filters.state ?? ""} className={selectCls} data-testid="filter-state">
              <option value="">{t("filters.open")}</option>
              <option value="decided">{t("filters.decided")}</option>
              <option value="all">{t("filters.all")}</option>
              {LEGAL_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`states.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            {t("filters.sla")}
            <select name="sla" defaultValue={filters.sla ?? ""} className={selectCls}>
              <option value="">{t("filters.any")}</option>
              <option value="warning">{t("filters.warning")}</option>
              <option value="breached">{t("filters.breached")}</option>
            </select>
          </label>
          <div className="flex items-end gap-2">
            <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800" data-testid="filter-apply">
              {t("filters.apply")}
            </button>
            {filtered && (
              <Link href="/legal" className="px-1 py-1.5 text-sm text-brand-700 underline-offset-2 hover:underline">
                {t("filters.reset")}
              </Link>
            )}
          </div>
        </form>
      </Panel>

      <div className="mt-4">
        <Panel id="legal-queue-list" title={t("table.caption")} count={num(queue.total)}>
          {queue.items.length === 0 ? (
            <EmptyState>
              <span className="block font-medium text-slate-800">{filtered ? t("empty.title") : t("empty.allClear")}</span>
              {filtered && <span className="mt-1 block">{t("empty.body")}</span>}
            </EmptyState>
          ) : (
            <DataTable minWidth="min-w-[60rem]" columns={[t("table.due"), t("table.subject"), t("table.kind"), t("table.risk"), t("table.state"), t("table.assignee")]}>
              {queue.items.map((r) => (
                <tr key={r.id} className={r.sla === "breached" ? "bg-red-50/60" : r.sla === "warning" ? "bg-amber-50/50" : undefined} data-testid="legal-queue-row" data-review-id={r.id} data-kind={r.kind}>
                  <td className="whitespace-nowrap px-4 py-2.5 align-top">
                    {r.dueAt ? (
                      <time dateTime={r.dueAt.toISOString()} className="block">
                        <span className="tabular-nums text-slate-800">{when(r.dueAt)}</span>
                        <span className="mt-1 block">
                          {r.sla === "none" ? null : (
                            <SlaBadge sla={r.sla} label={r.sla === "breached" ? t("table.overdue", { time: rel(r.dueAt) }) : t("table.dueIn", { time: rel(r.dueAt) })} />
                          )}
                        </span>
                      </time>
                    ) : (
                      <span className="text-slate-500">{t("table.noDue")}</span>
                    )}
                  </td>
                  <th scope="row" className="px-4 py-2.5 align-top font-normal">
                    <Link href={`/legal/queue/${r.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline" data-testid="legal-queue-open">
                      {r.title}
                    </Link>
                    <span className="mt-0.5 block text-xs text-slate-500">
                      {[r.brandName, r.channelName ? `${r.platform ? tc(`platforms.${r.platform}`) : ""} ${r.channelName}`.trim() : null, r.requesterName ? t("table.requestedBy", { name: r.requesterName }) : null]
                        .filter(Boolean)
                        .join(" · ")}
                    </span>
                    <span className="mt-1 flex flex-wrap gap-1">
                      {r.isRevisit && <Badge tone="info">{t("table.revisit")}</Badge>}
                      {r.unmetConditions > 0 && <Badge tone="warning">{t("table.unmet", { count: r.unmetConditions })}</Badge>}
                      {r.findings > 0 && <Badge tone="muted">{t("table.findings", { count: r.findings })}</Badge>}
                    </span>
                  </th>
                  <td className="px-4 py-2.5 align-top">
                    <KindBadge kind={r.kind} label={t(`kinds.${r.kind}`)} />
                  </td>
                  <td className="px-4 py-2.5 align-top">
                    <RiskLevelBadge risk={r.risk} label={t(`risks.${r.risk}`)} />
                  </td>
                  <td className="px-4 py-2.5 align-top">
                    <StateBadge state={r.state} label={t(`states.${r.state}`)} />
                  </td>
                  <td className="px-4 py-2.5 align-top text-xs text-slate-700">
                    {r.assigneeName ?? <span className="text-slate-500">{t("table.unassigned")}</span>}
                    {r.assigneeId === viewer.id && (
                      <span className="ml-1">
                        <Badge tone="brand">{t("filters.me")}</Badge>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { listPostPerformance, postTableQuerySchema, type PostSort } from "@/lib/dal/analytics-posts";
import { filterSearchParams, withQuery } from "@/lib/domain/analytics-filters";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/empty-state";
import { Filters, loadAnalyticsFilter, type SearchParams } from "../_components/filters";
import { AnalyticsTabs } from "../_components/tabs";
import { analyticsFormat } from "../_components/format";
import { ExportButton } from "../_components/export-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics.posts");
  return { title: t("title") };
}

const COLUMNS: { key: PostSort; numeric: boolean }[] = [
  { key: "firstDay", numeric: false },
  { key: "impressions", numeric: true },
  { key: "reach", numeric: true },
  { key: "engagements", numeric: true },
  { key: "engagementRate", numeric: true },
  { key: "clicks", numeric: true },
  { key: "videoViews", numeric: true },
];

/** /analytics/posts — published posts with their metrics: sortable, paged, exportable. */
export default async function PostPerformancePage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePageViewer("analytics.read");
  const { filter, options, errors, raw } = await loadAnalyticsFilter(viewer, searchParams);
  const q = postTableQuerySchema.parse({ sort: raw("sort"), dir: raw("dir"), page: raw("page") });
  const data = await pageData(listPostPerformance(viewer, filter, q));
  const t = await getTranslations("analytics");
  const tp = await getTranslations("analytics.posts");
  const tc = await getTranslations("common");
  const f = await analyticsFormat();
  const query = filterSearchParams(filter);
  const href = (over: { sort?: string; dir?: string; page?: number }) =>
    withQuery("/analytics/posts", filterSearchParams(filter, { sort: over.sort ?? q.sort, dir: over.dir ?? q.dir, page: over.page && over.page > 1 ? over.page : null }));
  const cellValue = (r: (typeof data.rows)[number], k: PostSort) => (k === "firstDay" ? f.day(r.firstDay) : k === "engagementRate" ? f.pct(r.engagementRate) : f.num(r[k]));

  return (
    <div data-testid="analytics-posts">
      <PageHeader title={tp("title")} subtitle={tp("subtitle")} />
      <AnalyticsTabs current="posts" query={query} />
      <Filters basePath="/analytics/posts" filter={filter} options={options} errors={errors} keep={{ sort: q.sort, dir: q.dir }} />

      <Panel
        id="post-table"
        title={tp("tableTitle")}
        description={tp("tableDescription")}
        count={f.num(data.total)}
        actions={can(viewer, "analytics.export") && data.total > 0 ? <ExportButton href={withQuery("/api/analytics/export", filterSearchParams(filter, { table: "posts", sort: q.sort, dir: q.dir }))} /> : undefined}
        footer={data.total > 0 ? tp("showing", { from: f.num((data.page - 1) * data.pageSize + 1), to: f.num(Math.min(data.total, data.page * data.pageSize)), total: f.num(data.total) }) : undefined}
      >
        {data.total === 0 ? (
          <EmptyState icon="—">{tp("empty")}</EmptyState>
        ) : (
          <div className="-mx-4 overflow-x-auto">
            <table className="w-full min-w-[60rem] text-left text-sm" data-testid="posts-table">
              <caption className="sr-only">{tp("caption", { sort: tp(`sort.${q.sort}`), dir: tp(`dir.${q.dir}`) })}</caption>
              <thead className="border-b border-slate-100 text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {tp("colPost")}
                  </th>
                  {COLUMNS.map((c) => {
                    const active = q.sort === c.key;
                    const nextDir = active && q.dir === "desc" ? "asc" : "desc";
                    return (
                      <th key={c.key} scope="col" aria-sort={active ? (q.dir === "asc" ? "ascending" : "descending") : "none"} className={`px-4 py-2 font-medium ${c.numeric ? "text-right" : ""}`}>
                        <Link href={href({ sort: c.key, dir: nextDir, page: 1 })} scroll={false} className="inline-flex items-center gap-1 hover:text-slate-900" data-testid={`sort-${c.key}`}>
                          {tp(`sort.${c.key}`)}
                          <span aria-hidden>{active ? (q.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                        </Link>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.rows.map((r) => (
                  <tr key={`${r.postId}-${r.channelId}`} data-testid="post-row">
                    <th scope="row" className="max-w-xs px-4 py-2 font-normal">
                      <Link href={`/analytics/posts/${r.postId}`} className="font-medium text-brand-700 hover:underline">
                        {r.title}
                      </Link>
                      <span className="block text-xs text-slate-500">
                        {tc(`platforms.${r.platform}`)} · {r.channelName} · {r.brandName}
                      </span>
                    </th>
                    {COLUMNS.map((c) => (
                      <td key={c.key} className={`px-4 py-2 tabular-nums ${c.numeric ? "text-right" : ""}`}>
                        {cellValue(r, c.key)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data.pages > 1 && (
          <nav aria-label={tp("pagination")} className="mt-4 flex items-center justify-between text-sm">
            {data.page > 1 ? (
              <Link href={href({ page: data.page - 1 })} scroll={false} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50" rel="prev">
                {tp("prev")}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-600">{tp("page", { page: f.num(data.page), pages: f.num(data.pages) })}</span>
            {data.page < data.pages ? (
              <Link href={href({ page: data.page + 1 })} scroll={false} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50" rel="next" data-testid="next-page">
                {tp("next")}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </Panel>
      <p className="mt-3 text-xs text-slate-500">{t("privacyNote")}</p>
    </div>
  );
}

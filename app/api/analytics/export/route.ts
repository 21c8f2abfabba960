// GET /api/analytics/export – one analytics table as CSV (same filters as the page), streamed with its row count up front
import { csvDownload } from "@/lib/http/csv-download";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/errors";
import { parseAnalyticsFilter } from "@/lib/domain/analytics-filters";
import { exportAnalyticsCsv } from "@/lib/dal/analytics-export";

export const GET = withRoute({
  permission: "analytics.export",
  handler: async (req, { viewer, requestId }) => {
    const params = Object.fromEntries(req.nextUrl.searchParams);
    if (Object.values(params).some((v) => v.length > 200)) throw new AppError("VALIDATION", undefined, { _: ["tooLong"] });
    const parsed = parseAnalyticsFilter(params, new Date());
    if (!parsed.ok) throw new AppError("VALIDATION", undefined, Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, [v]])));
    const { filename, rowCount, chunks } = await exportAnalyticsCsv(viewer!, parsed.filter, {
      table: params.table,
      metric: params.metric,
      post: params.post,
      sort: params.sort,
      dir: params.dir,
    });
    return csvDownload(chunks, { filename, requestId, what: "analytics", headers: { "X-Total-Rows": String(rowCount), "Access-Control-Expose-Headers": "X-Total-Rows" } });
  },
});

// GET /api/analytics/export – one analytics table as CSV (same filters as the page), streamed with its row count up front
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
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          // Headers are gone already: log with the request id and cut the download short.
          console.error(`[request ${requestId}] analytics export failed mid-stream`, err);
          controller.error(new Error("export failed"));
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Total-Rows": String(rowCount),
        "Access-Control-Expose-Headers": "X-Total-Rows",
        "x-request-id": requestId,
      },
    });
  },
});

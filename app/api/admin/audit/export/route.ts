// GET /api/admin/audit/export – audit log as CSV (same filters as /admin/audit), streamed
import { withRoute, parseWith } from "@/lib/auth/with-route";
import { AppError } from "@/lib/errors";
import { exportAuditCsv } from "@/lib/dal/admin";
import { auditFilterQuerySchema, toAuditFilter } from "@/lib/dal/admin-audit-filters";
import { safeTimeZone } from "@/lib/dal/admin-csv";

export const GET = withRoute({
  permission: "audit.export",
  handler: async (req, { viewer, requestId }) => {
    const query = parseWith(auditFilterQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
    const { filter, fieldErrors } = toAuditFilter(query, safeTimeZone(viewer!.timeZone));
    if (fieldErrors) throw new AppError("VALIDATION", undefined, fieldErrors);
    const { filename, chunks } = await exportAuditCsv(viewer!, filter);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          // Headers are gone already: log with the request id and cut the download short.
          console.error(`[request ${requestId}] audit export failed mid-stream`, err);
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
        "x-request-id": requestId,
      },
    });
  },
});

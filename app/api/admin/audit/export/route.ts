// GET /api/admin/audit/export – audit log as CSV (same filters as /admin/audit), streamed
import { csvDownload } from "@/lib/http/csv-download";
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
    return csvDownload(chunks, { filename, requestId, what: "audit" });
  },
});

// GET /api/analytics/reports/[id]/download?format=html|csv – a stored weekly report as a file
import { z } from "zod";
import { withRoute, parseWith } from "@/lib/auth/with-route";
import { downloadReport } from "@/lib/dal/analytics-reports";

const querySchema = z.object({ format: z.enum(["html", "csv"]) });

export const GET = withRoute({
  permission: "analytics.export",
  handler: async (req, { viewer, params, requestId }) => {
    const { format } = parseWith(querySchema, { format: req.nextUrl.searchParams.get("format") ?? undefined });
    const file = await downloadReport(viewer!, params.id ?? "", format);
    return new Response(file.body, {
      status: 200,
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        // A stored report opened directly must not run anything.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        "x-request-id": requestId,
      },
    });
  },
});

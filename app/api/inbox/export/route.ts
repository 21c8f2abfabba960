// GET /api/inbox/export – the inbox for the current filter as CSV (DM bodies only with inbox.read_dm), streamed
import { withRoute } from "@/lib/auth/with-route";
import { startInboxExport, inboxTexts } from "@/lib/dal/inbox";
import { CSV_BOM, csvRow, formatLocalTimestamp, safeTimeZone } from "@/lib/dal/admin-csv";
import { searchParamsToObject } from "@/lib/domain/inbox-query";

const HEADER = ["id", "received_at", "platform", "channel", "brand", "kind", "author_name", "author_handle", "text", "language", "sentiment", "risk_score", "risk_terms", "priority", "status", "assignee", "sla_due_at", "sla_state", "tags"];

export const GET = withRoute({
  permission: "inbox.read",
  handler: async (req, { viewer, requestId }) => {
    const tz = safeTimeZone(viewer!.timeZone);
    const { pages } = await startInboxExport(viewer!, searchParamsToObject(req.nextUrl.searchParams));
    const encoder = new TextEncoder();
    let started = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            controller.enqueue(encoder.encode(CSV_BOM + csvRow(HEADER)));
            return;
          }
          const next = await pages.next();
          if (next.done) return controller.close();
          const texts = await inboxTexts(viewer!, next.value.map((i) => i.id));
          let out = "";
          for (const i of next.value) {
            out += csvRow([
              i.id,
              formatLocalTimestamp(i.receivedAt, tz),
              i.platform,
              i.channelName,
              i.brandName,
              i.kind,
              i.authorName,
              i.authorHandle,
              texts.get(i.id) ?? "",
              i.language,
              i.sentiment,
              i.riskScore,
              i.riskReasons.map((r) => r.term ?? r.code).join(" "),
              i.priority,
              i.status,
              i.assigneeName,
              i.slaDueAt ? formatLocalTimestamp(i.slaDueAt, tz) : "",
              i.slaState,
              i.tags.join(" "),
            ]);
          }
          controller.enqueue(encoder.encode(out));
        } catch (err) {
          console.error(`[request ${requestId}] inbox export failed mid-stream`, err);
          controller.error(new Error("export failed"));
        }
      },
      async cancel() {
        await pages.return(undefined);
      },
    });
    const day = formatLocalTimestamp(new Date(), tz).slice(0, 10).replaceAll("-", "");
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="inbox-${day}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "x-request-id": requestId,
      },
    });
  },
});

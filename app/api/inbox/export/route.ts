// GET /api/inbox/export – the inbox for the current filter as CSV (DM bodies only with inbox.read_dm), streamed
import { csvDownload } from "@/lib/http/csv-download";
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
    const day = formatLocalTimestamp(new Date(), tz).slice(0, 10).replaceAll("-", "");
    async function* chunks() {
      yield CSV_BOM + csvRow(HEADER);
      for await (const page of pages) {
        const texts = await inboxTexts(viewer!, page.map((i) => i.id));
        let out = "";
        for (const i of page) {
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
        yield out;
      }
    }
    return csvDownload(chunks(), { filename: `inbox-${day}.csv`, requestId, what: "inbox" });
  },
});

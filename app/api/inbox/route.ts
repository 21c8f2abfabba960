// GET /api/inbox – one page of the inbox for the filter in the query string (keyset: ?cursor=…), as JSON
import { NextResponse } from "next/server";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/errors";
import { listInbox } from "@/lib/dal/inbox";
import { searchParamsToObject } from "@/lib/domain/inbox-query";
import { toInboxJson } from "@/lib/dal/inbox-json";

export const GET = withRoute({
  permission: "inbox.read",
  handler: async (req, { viewer, requestId }) => {
    const { cursor, limit, ...filter } = searchParamsToObject(req.nextUrl.searchParams);
    if (Array.isArray(cursor) || Array.isArray(limit)) throw new AppError("VALIDATION");
    const n = limit === undefined ? undefined : Number(limit);
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 100)) throw new AppError("VALIDATION", undefined, { limit: ["1–100"] });
    const page = await listInbox(viewer!, filter, { cursor, limit: n });
    return NextResponse.json(
      { items: page.items.map(toInboxJson), nextCursor: page.nextCursor, generatedAt: page.generatedAt.toISOString() },
      { headers: { "Cache-Control": "no-store", "x-request-id": requestId } },
    );
  },
});

// GET /api/inbox/new – how many items matching the filter arrived after ?since= (the "N new" banner; polled)
import { NextResponse } from "next/server";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/errors";
import { countNewInbox } from "@/lib/dal/inbox";
import { searchParamsToObject } from "@/lib/domain/inbox-query";

export const GET = withRoute({
  permission: "inbox.read",
  handler: async (req, { viewer, requestId }) => {
    const { since, ...filter } = searchParamsToObject(req.nextUrl.searchParams);
    if (typeof since !== "string" || since.length > 40 || Number.isNaN(Date.parse(since))) throw new AppError("VALIDATION", undefined, { since: ["an ISO time"] });
    const count = await countNewInbox(viewer!, filter, new Date(since));
    return NextResponse.json({ count }, { headers: { "Cache-Control": "no-store", "x-request-id": requestId } });
  },
});

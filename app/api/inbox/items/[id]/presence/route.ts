// GET  /api/inbox/items/[id]/presence – who else is on the item now, its version, newest reply and reply states
// POST /api/inbox/items/[id]/presence – heartbeat {mode: viewing|replying|gone}, answered like GET
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { withRoute } from "@/lib/auth/with-route";
import { beatPresence, getItemPresence, type LiveItemState } from "@/lib/dal/presence";

const MAX_BODY = 1_000;

function toJson(s: LiveItemState, requestId: string) {
  return NextResponse.json(
    {
      others: s.others.map((o) => ({ userId: o.userId, name: o.name, mode: o.mode, since: o.since.toISOString() })),
      version: s.version,
      lastReplyId: s.lastReplyId,
      replies: s.replies.map((r) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
        decidedAt: r.decidedAt?.toISOString() ?? null,
      })),
    },
    { headers: { "Cache-Control": "no-store", "x-request-id": requestId } },
  );
}

export const GET = withRoute({
  permission: "inbox.read",
  handler: async (_req, { viewer, params, requestId }) => toJson(await getItemPresence(viewer!, params.id ?? ""), requestId),
});

export const POST = withRoute({
  permission: "inbox.read",
  handler: async (req, { viewer, params, requestId }) => {
    const raw = await req.text();
    if (raw.length > MAX_BODY) throw new AppError("VALIDATION", "body_too_large");
    let body: unknown;
    try {
      body = JSON.parse(raw || "{}");
    } catch {
      throw new AppError("VALIDATION", "invalid_json");
    }
    return toJson(await beatPresence(viewer!, params.id ?? "", body), requestId);
  },
});

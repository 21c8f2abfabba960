// GET /api/notifications – the bell: the viewer's unread count and latest notifications (polled by the header)
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseWith, withRoute } from "@/lib/auth/with-route";
import { getNotificationBell } from "@/lib/dal/notifications";

const querySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(20).default(8) });

export const GET = withRoute({
  permission: "notification.read",
  handler: async (req, { viewer, requestId }) => {
    const { limit } = parseWith(querySchema, Object.fromEntries(req.nextUrl.searchParams));
    const bell = await getNotificationBell(viewer!, limit);
    return NextResponse.json(
      { unread: bell.unread, items: bell.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), readAt: i.readAt?.toISOString() ?? null })) },
      { headers: { "Cache-Control": "no-store", "x-request-id": requestId } },
    );
  },
});

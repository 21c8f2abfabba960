// GET/POST /api/webhooks/meta – Meta's verify handshake and signed event deliveries (comments, mentions, messages)
import type { NextRequest } from "next/server";
import { withRoute } from "@/lib/auth/with-route";
import { handleMetaWebhookGet, handleMetaWebhookPost } from "@/lib/webhooks/meta";

/* Public (Meta calls without a session) but guarded by the app secret: see lib/webhooks/meta.ts. */

export const GET = withRoute({
  permission: "public",
  handler: async (req: NextRequest) => handleMetaWebhookGet(req.nextUrl.searchParams),
});

export const POST = withRoute({
  permission: "public",
  allowCrossOrigin: true,
  handler: async (req: NextRequest, { requestId }) => handleMetaWebhookPost(req, requestId),
});

// GET /api/media/[id] – an asset's file for a network fetching a post's media: no session, a signed expiring link instead
import type { NextRequest } from "next/server";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/errors";
import { verifyMediaLink } from "@/lib/channels/media-link";
import { getAssetFileForSignedLink } from "@/lib/dal/assets";
import { streamAssetFile } from "@/lib/assets/serve";

export const GET = withRoute({
  permission: "public",
  handler: async (req: NextRequest, { params, requestId }) => {
    const id = params.id ?? "";
    const exp = req.nextUrl.searchParams.get("exp");
    const sig = req.nextUrl.searchParams.get("sig");
    if (!exp || !sig) throw new AppError("VALIDATION", "signed_link_required");
    // A wrong or expired signature names nothing: 404, the same as an unknown asset.
    if (!verifyMediaLink(id, exp, sig)) throw new AppError("NOT_FOUND");
    return streamAssetFile(req, await getAssetFileForSignedLink(id), "original", requestId, "public");
  },
});

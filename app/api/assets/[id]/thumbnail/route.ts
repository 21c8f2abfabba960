// GET /api/assets/[id]/thumbnail – the asset's WebP thumbnail or video poster (asset.read)
import { withRoute } from "@/lib/auth/with-route";
import { serveAsset } from "@/lib/assets/serve";

export const GET = withRoute({ permission: "asset.read", handler: (req, { viewer, params }) => serveAsset(req, viewer!, params.id ?? "", "thumbnail") });

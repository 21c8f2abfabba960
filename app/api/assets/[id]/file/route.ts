// GET /api/assets/[id]/file – the stored file of one asset (asset.read), with its verified type; ?download=1 as an attachment
import { withRoute } from "@/lib/auth/with-route";
import { serveAsset } from "@/lib/assets/serve";

export const GET = withRoute({ permission: "asset.read", handler: (req, { viewer, params }) => serveAsset(req, viewer!, params.id ?? "", "original") });

// GET /api/evidence/posts/<post id>.pdf | .csv — a post's evidence pack (Legal, the manager)
import { withRoute } from "@/lib/auth/with-route";
import { evidenceResponse } from "@/lib/evidence/route";

export const GET = withRoute({
  permission: "evidence.export",
  handler: async (_req, { viewer, params, requestId }) => evidenceResponse(viewer!, "post", params.file ?? "", requestId),
});

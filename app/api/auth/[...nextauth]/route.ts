// GET|POST /api/auth/* – Auth.js endpoints (OIDC redirect, callback, session, sign-out)
import { handlers } from "@/lib/auth/config";
import { withRoute } from "@/lib/auth/with-route";

// The OIDC callback arrives as a top-level navigation from the IdP, so GET must accept it.
// POSTs (sign-in, sign-out) come from our own pages and carry Auth.js's CSRF token too.
export const GET = withRoute({ permission: "public", handler: (req) => handlers.GET(req) });
export const POST = withRoute({ permission: "public", handler: (req) => handlers.POST(req) });

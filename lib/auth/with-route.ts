import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AppError, httpStatusOf, toPublicError } from "@/lib/errors";
import { authorize, type Viewer } from "@/lib/dal/viewer";
import type { Permission } from "./permissions";
import { getViewer } from "./current";
import { zodFieldErrors } from "./define-action";
import { isCrossOrigin } from "./origin";

export { isCrossOrigin };

/** "public" routes (health, SSO, signed webhooks) authenticate by other means or not at all. */
export type RoutePermission = Permission | "signed-in" | "public";

type RouteCtx<P> = { viewer: Viewer | null; params: P; requestId: string };

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function errorResponse(err: unknown, requestId: string): NextResponse {
  const pub = toPublicError(err, requestId);
  return NextResponse.json({ error: pub }, { status: httpStatusOf(pub.code), headers: { "x-request-id": requestId } });
}

/**
 * Wraps a Route Handler: `permission` is required. Mutating methods also refuse cross-origin
 * requests unless `allowCrossOrigin` (signed webhooks, which carry no cookies).
 */
export function withRoute<P = Record<string, string>>(opts: {
  permission: RoutePermission;
  allowCrossOrigin?: boolean;
  handler: (req: NextRequest, ctx: RouteCtx<P>) => Promise<Response> | Response;
}) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? crypto.randomUUID();
    try {
      if (MUTATING.has(req.method) && !opts.allowCrossOrigin && isCrossOrigin(req)) {
        throw new AppError("FORBIDDEN", "Cross-origin request refused");
      }
      let viewer: Viewer | null = null;
      if (opts.permission !== "public") {
        viewer = await getViewer();
        if (!viewer) throw new AppError("UNAUTHENTICATED");
        if (opts.permission !== "signed-in") authorize(viewer, opts.permission);
      }
      const params = (await context?.params) ?? ({} as P);
      return await opts.handler(req, { viewer, params, requestId });
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}

/** Parses a query string or JSON body with zod, turning failure into a VALIDATION AppError. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError("VALIDATION", undefined, zodFieldErrors(r.error));
  return r.data;
}

import "server-only";
import { z } from "zod";
import { AppError, toPublicError, type PublicError } from "@/lib/errors";
import { authorize, type Viewer } from "@/lib/dal/viewer";
import type { Permission } from "./permissions";
import { getViewer } from "./current";

export type ActionResult<T = unknown> = { ok: true; data: T } | { ok: false; error: PublicError };

/**
 * `permission` is required: a Permission; "signed-in" (any signed-in person); or "public"
 * (no session needed: the sign-in form only). The DAL checks again; this is the first gate.
 */
export type ActionPermission = Permission | "signed-in" | "public";

type Handler<S extends z.ZodType, T> = (viewer: Viewer | null, input: z.infer<S>) => Promise<T>;

/** FormData → plain object; repeated keys become arrays; `$ACTION_*` internals are dropped. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    const val = typeof v === "string" ? v : v;
    if (k in out) {
      const prev = out[k];
      out[k] = Array.isArray(prev) ? [...prev, val] : [prev, val];
    } else out[k] = val;
  }
  return out;
}

export function zodFieldErrors(err: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of err.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Wraps a Server Action. Works as `action(input)`, `<form action={action}>` and with
 * useActionState (`(prevState, formData)`): the last argument is the input.
 */
export function defineAction<S extends z.ZodType, T>(opts: {
  permission: ActionPermission;
  schema: S;
  handler: Handler<S, T>;
}): (...args: unknown[]) => Promise<ActionResult<T>> {
  return async (...args: unknown[]): Promise<ActionResult<T>> => {
    let requestId: string | undefined;
    try {
      const viewer = await getViewer();
      requestId = viewer?.requestId;
      if (opts.permission !== "public") {
        if (!viewer) throw new AppError("UNAUTHENTICATED");
        if (opts.permission !== "signed-in") authorize(viewer, opts.permission);
      }
      const raw = args.length ? args[args.length - 1] : undefined;
      const input = raw instanceof FormData ? formDataToObject(raw) : raw;
      const parsed = opts.schema.safeParse(input ?? {});
      if (!parsed.success) throw new AppError("VALIDATION", undefined, zodFieldErrors(parsed.error));
      const data = await opts.handler(viewer, parsed.data);
      return { ok: true, data };
    } catch (err) {
      // Next's redirect()/notFound() work by throwing: let them through.
      if (isNextControlFlow(err)) throw err;
      return { ok: false, error: toPublicError(err, requestId) };
    }
  };
}

export function isNextControlFlow(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "NEXT_NOT_FOUND");
}

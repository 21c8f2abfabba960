/** One error type for the whole app, mapped in one place to HTTP status and to action results. */
export const ERROR_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "VALIDATION", "RATE_LIMITED"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number] | "INTERNAL";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: Exclude<ErrorCode, "INTERNAL">;
  readonly fieldErrors?: FieldErrors;
  constructor(code: Exclude<ErrorCode, "INTERNAL">, message?: string, fieldErrors?: FieldErrors) {
    super(message ?? code);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** What a browser may see: a code, a safe message key, field errors, and a request id for support. */
export type PublicError = { code: ErrorCode; message: string; fieldErrors?: FieldErrors; requestId?: string };

const SAFE_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Sign-in required",
  FORBIDDEN: "You do not have permission to do this",
  NOT_FOUND: "Not found",
  CONFLICT: "This was changed by someone else; reload and try again",
  VALIDATION: "Some fields need attention",
  RATE_LIMITED: "Too many requests; try again shortly",
  INTERNAL: "Something went wrong",
};

/**
 * Maps any thrown value to what may leave the server. AppError keeps its code (and the message
 * only for VALIDATION/CONFLICT, which we write ourselves); anything else becomes INTERNAL with no
 * detail, and is logged with the request id.
 */
export function toPublicError(err: unknown, requestId?: string): PublicError {
  if (err instanceof AppError) {
    const keepMessage = err.code === "VALIDATION" || err.code === "CONFLICT";
    return {
      code: err.code,
      message: keepMessage && err.message !== err.code ? err.message : SAFE_MESSAGES[err.code],
      ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
  console.error(`[request ${requestId ?? "-"}] unexpected error`, err);
  return { code: "INTERNAL", message: SAFE_MESSAGES.INTERNAL, ...(requestId ? { requestId } : {}) };
}

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

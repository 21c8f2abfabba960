import { describe, expect, it, vi } from "vitest";
import { AppError, ERROR_CODES, HTTP_STATUS, httpStatusOf, toPublicError } from "@/lib/errors";

describe("error mapping", () => {
  it("maps every code to one HTTP status", () => {
    expect(HTTP_STATUS).toEqual({
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      VALIDATION: 422,
      RATE_LIMITED: 429,
      INTERNAL: 500,
    });
    for (const c of ERROR_CODES) expect(httpStatusOf(c)).toBeGreaterThanOrEqual(400);
  });

  it("keeps an AppError's code and never its internal message except VALIDATION/CONFLICT", () => {
    expect(toPublicError(new AppError("FORBIDDEN", "role legal lacks post.approve_final"))).toEqual({
      code: "FORBIDDEN",
      message: "You do not have permission to do this",
    });
    expect(toPublicError(new AppError("NOT_FOUND", "post 123 in brand 9"))).toMatchObject({ code: "NOT_FOUND", message: "Not found" });
    expect(toPublicError(new AppError("CONFLICT", "Already decided"))).toMatchObject({ code: "CONFLICT", message: "Already decided" });
    const v = toPublicError(new AppError("VALIDATION", "Check the fields", { name: ["Required"] }), "req-1");
    expect(v).toEqual({ code: "VALIDATION", message: "Check the fields", fieldErrors: { name: ["Required"] }, requestId: "req-1" });
  });

  it("turns any other error into INTERNAL with no detail, logging it with the request id", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const pub = toPublicError(new Error('relation "users" does not exist at 10.0.0.5'), "req-42");
    expect(pub).toEqual({ code: "INTERNAL", message: "Something went wrong", requestId: "req-42" });
    expect(JSON.stringify(pub)).not.toContain("users");
    expect(spy).toHaveBeenCalledWith(expect.stringContaining("req-42"), expect.any(Error));
    expect(toPublicError("a string")).toMatchObject({ code: "INTERNAL" });
    expect(toPublicError(null)).toMatchObject({ code: "INTERNAL" });
    spy.mockRestore();
  });
});

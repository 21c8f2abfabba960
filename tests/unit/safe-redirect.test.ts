import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

describe("redirects after sign-in stay on this origin", () => {
  it.each([
    ["/manager", "/manager"],
    ["/admin/audit?action=auth.&from=2026-01-01", "/admin/audit?action=auth.&from=2026-01-01"],
    ["/studio#drafts", "/studio#drafts"],
  ])("keeps %s", (input, out) => expect(safeRedirectPath(input)).toBe(out));

  it.each([
    "//evil.example",
    "//evil.example/manager",
    "https://evil.example",
    "http://localhost:3000.evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/%0d%0aSet-Cookie:x",
    "javascript:alert(1)",
    "manager",
    "",
    "/" + "a".repeat(3000),
  ])("refuses %j", (input) => {
    const out = safeRedirectPath(input);
    expect(out === "/" || out.startsWith("/%0d")).toBe(true);
    expect(new URL(out, "http://portal.test").origin).toBe("http://portal.test");
  });

  it("refuses non-strings", () => {
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/a"])).toBe("/");
    expect(safeRedirectPath(null, "/sign-in")).toBe("/sign-in");
  });
});

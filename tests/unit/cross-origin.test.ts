import { describe, expect, it } from "vitest";
import { isCrossOrigin } from "@/lib/auth/origin";

const req = (h: Record<string, string>) => new Request("http://localhost:3000/api/x", { method: "POST", headers: { host: "localhost:3000", ...h } });

describe("mutating route handlers refuse cross-origin requests", () => {
  it("allows same-origin browser requests and non-browser clients", () => {
    expect(isCrossOrigin(req({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossOrigin(req({}))).toBe(false);
  });
  it("refuses another origin or site", () => {
    expect(isCrossOrigin(req({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossOrigin(req({ origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossOrigin(req({ "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossOrigin(req({ origin: "null" }))).toBe(true);
  });
});

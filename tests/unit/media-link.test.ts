import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signMediaUrl, verifyMediaLink } from "@/lib/channels/media-link";

const A = "0b6c3f5e-1d1f-4c86-9d7e-2f7a3a1c9e01";
const B = "5a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const parse = (url: string) => {
  const u = new URL(url);
  return { id: u.pathname.split("/").pop()!, exp: u.searchParams.get("exp"), sig: u.searchParams.get("sig") };
};

describe("signed media links", () => {
  beforeEach(() => {
    process.env.MEDIA_LINK_SECRET = "x".repeat(40);
  });
  afterEach(() => {
    delete process.env.MEDIA_LINK_SECRET;
  });

  it("a fresh link verifies for its asset only", () => {
    const now = new Date("2026-11-29T10:00:00Z");
    const l = parse(signMediaUrl("https://portal.example.co.jp/", A, now));
    expect(l.id).toBe(A);
    expect(verifyMediaLink(A, l.exp, l.sig, now)).toBe(true);
    expect(verifyMediaLink(B, l.exp, l.sig, now)).toBe(false);
  });

  it("expires", () => {
    const now = new Date("2026-11-29T10:00:00Z");
    const l = parse(signMediaUrl("https://p.example", A, now, 60_000));
    expect(verifyMediaLink(A, l.exp, l.sig, new Date(now.getTime() + 59_000))).toBe(true);
    expect(verifyMediaLink(A, l.exp, l.sig, new Date(now.getTime() + 61_000))).toBe(false);
  });

  it("a changed expiry, a tampered signature, another secret or garbage fail", () => {
    const now = new Date();
    const l = parse(signMediaUrl("https://p.example", A, now));
    expect(verifyMediaLink(A, String(Number(l.exp) + 3600), l.sig, now)).toBe(false);
    expect(verifyMediaLink(A, l.exp, l.sig!.slice(0, -1) + (l.sig!.endsWith("A") ? "B" : "A"), now)).toBe(false);
    expect(verifyMediaLink(A, l.exp, null, now)).toBe(false);
    expect(verifyMediaLink(A, "1e9", l.sig, now)).toBe(false);
    expect(verifyMediaLink(A, l.exp, "短い", now)).toBe(false);
    process.env.MEDIA_LINK_SECRET = "y".repeat(40);
    expect(verifyMediaLink(A, l.exp, l.sig, now)).toBe(false);
  });

  it("refuses to sign without a strong secret, and verifies nothing then", () => {
    delete process.env.MEDIA_LINK_SECRET;
    const auth = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "short";
    expect(() => signMediaUrl("https://p.example", A)).toThrow(/MEDIA_LINK_SECRET/);
    expect(verifyMediaLink(A, "9999999999", "abc")).toBe(false);
    if (auth === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = auth;
  });
});

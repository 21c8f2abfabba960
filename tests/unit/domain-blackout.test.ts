import { describe, expect, it } from "vitest";
import { appliesTo, blockingWindow, covers, overlapsRange, scopeOf, validateWindow, type BlackoutLike } from "@/lib/domain/blackout";

const at = (s: string) => new Date(s);
const BRAND_A = "brand-a";
const BRAND_B = "brand-b";

function w(o: Partial<BlackoutLike> & { startsAt: Date; endsAt: Date }): BlackoutLike {
  return { id: o.id ?? "w", brandId: o.brandId ?? null, channelId: o.channelId ?? null, startsAt: o.startsAt, endsAt: o.endsAt };
}

const quiet = w({ id: "quiet", startsAt: at("2025-12-01T00:00:00Z"), endsAt: at("2025-12-01T06:00:00Z") });

describe("blackout windows", () => {
  it("are half-open: the start is inside, the end is not", () => {
    expect(covers(quiet, at("2025-12-01T00:00:00Z"))).toBe(true);
    expect(covers(quiet, at("2025-12-01T05:59:59.999Z"))).toBe(true);
    expect(covers(quiet, at("2025-12-01T06:00:00Z"))).toBe(false);
    expect(covers(quiet, at("2025-11-30T23:59:59Z"))).toBe(false);
  });

  it("overlap a range when they share any instant", () => {
    expect(overlapsRange(quiet, at("2025-11-30T00:00:00Z"), at("2025-12-01T00:00:01Z"))).toBe(true);
    expect(overlapsRange(quiet, at("2025-12-01T05:00:00Z"), at("2025-12-02T00:00:00Z"))).toBe(true);
    expect(overlapsRange(quiet, at("2025-12-01T06:00:00Z"), at("2025-12-02T00:00:00Z"))).toBe(false);
    expect(overlapsRange(quiet, at("2025-11-30T00:00:00Z"), at("2025-12-01T00:00:00Z"))).toBe(false);
    // A window longer than the range on both sides.
    expect(overlapsRange(quiet, at("2025-12-01T01:00:00Z"), at("2025-12-01T02:00:00Z"))).toBe(true);
  });

  it("apply by scope: company-wide, one brand, one channel", () => {
    const post = { brandId: BRAND_A, channelIds: ["ch-1", "ch-2"] };
    expect(scopeOf(quiet)).toBe("company");
    expect(appliesTo(quiet, post)).toBe(true);
    expect(appliesTo(w({ ...quiet, brandId: BRAND_A }), post)).toBe(true);
    expect(appliesTo(w({ ...quiet, brandId: BRAND_B }), post)).toBe(false);
    const ch = w({ ...quiet, brandId: BRAND_A, channelId: "ch-2" });
    expect(scopeOf(ch)).toBe("channel");
    expect(appliesTo(ch, post)).toBe(true);
    expect(appliesTo(ch, { brandId: BRAND_A, channelIds: ["ch-1"] })).toBe(false);
  });

  it("the blocking window is the earliest-starting one covering the slot in scope", () => {
    const later = w({ id: "later", startsAt: at("2025-12-01T03:00:00Z"), endsAt: at("2025-12-02T00:00:00Z") });
    const otherBrand = w({ id: "other", brandId: BRAND_B, startsAt: at("2025-11-01T00:00:00Z"), endsAt: at("2026-01-01T00:00:00Z") });
    const post = { brandId: BRAND_A, channelIds: ["ch-1"] };
    expect(blockingWindow([later, otherBrand, quiet], at("2025-12-01T04:00:00Z"), post)?.id).toBe("quiet");
    expect(blockingWindow([later, otherBrand, quiet], at("2025-12-01T07:00:00Z"), post)?.id).toBe("later");
    expect(blockingWindow([later, otherBrand, quiet], at("2025-12-02T00:00:00Z"), post)).toBeNull();
    expect(blockingWindow([otherBrand], at("2025-12-01T04:00:00Z"), { brandId: BRAND_B, channelIds: [] })?.id).toBe("other");
  });

  it("validates what is saved", () => {
    const now = at("2025-11-30T00:00:00Z");
    expect(validateWindow({ ...quiet, reason: "決算発表" }, now)).toEqual([]);
    expect(validateWindow({ startsAt: quiet.endsAt, endsAt: quiet.startsAt, reason: "x" }, now)).toEqual(["ends_before_start"]);
    expect(validateWindow({ startsAt: quiet.startsAt, endsAt: quiet.startsAt, reason: "x" }, now)).toEqual(["ends_before_start"]);
    expect(validateWindow({ ...quiet, reason: "   " }, now)).toEqual(["reason_required"]);
    expect(validateWindow({ ...quiet, reason: "あ".repeat(501) }, now)).toEqual(["reason_too_long"]);
    expect(validateWindow({ ...quiet, reason: "x" }, at("2025-12-01T06:00:00Z"))).toEqual(["ends_in_past"]);
    expect(validateWindow({ startsAt: at("2025-01-01T00:00:00Z"), endsAt: at("2026-06-01T00:00:00Z"), reason: "x" }, now)).toEqual(["too_long"]);
  });
});

/** Rights metadata rules, licence days in a time zone, the byte-range parser and ASSET_DIR validation. */
import { afterEach, describe, expect, it } from "vitest";
import { assetMetadataIssues, dayIn, endOfDayIn, isIsoDate } from "@/lib/domain/asset-metadata";
import { parseRange } from "@/lib/assets/range";
import { assetDir } from "@/lib/env";

describe("assetMetadataIssues", () => {
  const base = { source: "own" as const, licence: null, hasLikeness: false, licenceExpiresOn: null };
  it("own assets need nothing more", () => expect(assetMetadataIssues(base, "2026-06-01")).toEqual({}));
  it("a third-party asset needs its licence; talent needs the likeness flag", () => {
    expect(assetMetadataIssues({ ...base, source: "licensed", licence: "  " }, "2026-06-01")).toEqual({ licence: "licence_required" });
    expect(assetMetadataIssues({ ...base, source: "talent", licence: "契約" }, "2026-06-01")).toEqual({ hasLikeness: "talent_requires_likeness" });
    expect(assetMetadataIssues({ ...base, source: "ugc", licence: "DMで許諾" }, "2026-06-01")).toEqual({});
  });
  it("expiry: a real calendar day, today or later", () => {
    expect(assetMetadataIssues({ ...base, licenceExpiresOn: "2026-06-01" }, "2026-06-01")).toEqual({});
    expect(assetMetadataIssues({ ...base, licenceExpiresOn: "2026-05-31" }, "2026-06-01")).toEqual({ licenceExpiresOn: "licence_expiry_past" });
    expect(assetMetadataIssues({ ...base, licenceExpiresOn: "2026-02-30" }, "2026-06-01")).toEqual({ licenceExpiresOn: "licence_expiry_invalid" });
    expect(isIsoDate("2026-6-1")).toBe(false);
  });
});

describe("licence days in a time zone", () => {
  it("the last moment of a day in Tokyo and in New York (DST)", () => {
    expect(endOfDayIn("2026-03-31", "Asia/Tokyo").toISOString()).toBe("2026-03-31T14:59:59.999Z");
    expect(endOfDayIn("2026-07-01", "America/New_York").toISOString()).toBe("2026-07-02T03:59:59.999Z");
  });
  it("dayIn reads the calendar day where the viewer is", () => {
    expect(dayIn(new Date("2026-03-31T15:30:00Z"), "Asia/Tokyo")).toBe("2026-04-01");
    expect(dayIn(new Date("2026-03-31T15:30:00Z"), "UTC")).toBe("2026-03-31");
  });
});

describe("parseRange", () => {
  it.each([
    [null, null],
    ["bytes=0-9", { start: 0, end: 9 }],
    ["bytes=90-", { start: 90, end: 99 }],
    ["bytes=-10", { start: 90, end: 99 }],
    ["bytes=0-1000", { start: 0, end: 99 }],
    ["bytes=100-", "unsatisfiable"],
    ["bytes=5-2", "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    ["bytes=0-1,5-9", null],
    ["items=0-1", null],
  ] as const)("%s", (header, expected) => expect(parseRange(header, 100)).toEqual(expected));
});

describe("ASSET_DIR", () => {
  const saved = process.env.ASSET_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.ASSET_DIR;
    else process.env.ASSET_DIR = saved;
  });
  it("defaults to .data/assets, absolute", () => {
    delete process.env.ASSET_DIR;
    expect(assetDir()).toBe(`${process.cwd()}/.data/assets`);
  });
  it("refuses a directory under public/ (files are served only through the authorised route)", () => {
    process.env.ASSET_DIR = "public/uploads";
    expect(() => assetDir()).toThrow(/ASSET_DIR must not be inside public/);
    process.env.ASSET_DIR = "./public";
    expect(() => assetDir()).toThrow(/ASSET_DIR/);
  });
});

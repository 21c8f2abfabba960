/** Per-network media rules (lib/domain/media-rules.ts) and their place in the checks panel (checks.ts). */
import { describe, expect, it } from "vitest";
import { NETWORK_MEDIA, checkVariantMedia, type MediaItem } from "@/lib/domain/media-rules";
import { runChecks, runChecksForPost } from "@/lib/domain/checks";
import { PLATFORMS, type Platform } from "@/lib/domain/text-length";

const NOW = new Date("2026-06-01T00:00:00Z");
let n = 0;
const image = (o: Partial<MediaItem> = {}): MediaItem => ({
  id: `img-${++n}`,
  kind: "image",
  format: "jpeg",
  sizeBytes: 1_000_000,
  width: 1080,
  height: 1350,
  durationMs: null,
  licenceExpiresAt: null,
  ...o,
});
const video = (o: Partial<MediaItem> = {}): MediaItem => ({
  id: `vid-${++n}`,
  kind: "video",
  format: "mp4",
  sizeBytes: 20_000_000,
  width: 1080,
  height: 1920,
  durationMs: 30_000,
  licenceExpiresAt: null,
  ...o,
});
const codes = (platform: Platform, media: Parameters<typeof checkVariantMedia>[0]["media"], slotAt?: Date) =>
  checkVariantMedia({ platform, media, now: NOW, slotAt }).map((f) => f.code);

describe("required media", () => {
  it.each(PLATFORMS)("%s", (p) => {
    expect(codes(p, []).includes("media_required")).toBe(NETWORK_MEDIA[p].required);
  });
  it("a reply (a correction under the original) needs no media of its own", () => {
    expect(checkVariantMedia({ platform: "instagram", media: [], now: NOW, asReply: true })).toEqual([]);
    expect(runChecks({ brandId: null, lexicon: [], rules: [], isCommercial: false, platform: "youtube", text: "訂正", media: [], asReply: true }).blocking).toBe(false);
  });
  it("Instagram, TikTok and YouTube need media; X, Facebook and LINE do not", () => {
    expect(PLATFORMS.filter((p) => NETWORK_MEDIA[p].required)).toEqual(["instagram", "tiktok", "youtube"]);
  });
});

describe("counts and mixing", () => {
  it("X: up to 4 images; a 5th blocks", () => {
    expect(codes("x", [image(), image(), image(), image()])).toEqual([]);
    expect(codes("x", [image(), image(), image(), image(), image()])).toEqual(["media_too_many"]);
  });
  it("X: a video or a GIF must be alone", () => {
    expect(codes("x", [video()])).toEqual([]);
    expect(codes("x", [video(), image()])).toEqual(["media_mix"]);
    expect(codes("x", [image({ format: "gif" }), image()])).toEqual(["media_mix"]);
    expect(codes("x", [video(), video()])).toEqual(["media_too_many"]);
  });
  it("Instagram carousel: up to 10 items, images and videos mixed", () => {
    expect(codes("instagram", [image(), video()])).toEqual([]);
    expect(codes("instagram", Array.from({ length: 11 }, () => image()))).toEqual(["media_too_many"]);
  });
  it("TikTok: one video, or photos, never both; YouTube: exactly one video, no images", () => {
    expect(codes("tiktok", [video()])).toEqual([]);
    expect(codes("tiktok", [image(), image()])).toEqual([]);
    expect(codes("tiktok", [video(), image()])).toEqual(["media_mix"]);
    expect(codes("youtube", [video()])).toEqual([]);
    expect(codes("youtube", [image()])).toEqual(["media_too_many", "media_format"]);
  });
  it("LINE: at most 4 media (a broadcast is 5 messages, one is the text)", () => {
    expect(codes("line", [image(), image(), image(), image(), image()])).toEqual(["media_too_many"]);
  });
});

describe("formats, sizes, durations, aspect ratio", () => {
  it("Instagram takes JPEG images only", () => {
    const f = checkVariantMedia({ platform: "instagram", media: [image({ format: "png" })], now: NOW });
    expect(f).toEqual([{ code: "media_format", severity: "blocking", assetId: expect.any(String), params: { format: "png", allowed: "jpeg" } }]);
  });
  it("X: images up to 5 MB, GIF up to 15 MB", () => {
    expect(codes("x", [image({ sizeBytes: 5_000_001 })])).toEqual(["media_too_large"]);
    expect(codes("x", [image({ format: "gif", sizeBytes: 14_000_000 })])).toEqual([]);
    expect(codes("instagram", [image({ sizeBytes: 5_000_001 })])).toEqual([]);
  });
  it("video length: X 140 s, Instagram 3 s – 15 min, TikTok 3 s – 10 min; unknown duration is not judged", () => {
    expect(codes("x", [video({ durationMs: 140_001 })])).toEqual(["media_too_long"]);
    expect(codes("instagram", [video({ durationMs: 2_000 })])).toEqual(["media_too_short"]);
    expect(codes("tiktok", [video({ durationMs: 600_001 })])).toEqual(["media_too_long"]);
    expect(codes("x", [video({ durationMs: null })])).toEqual([]);
  });
  it("Instagram images between 4:5 and 1.91:1", () => {
    expect(codes("instagram", [image({ width: 1080, height: 1350 })])).toEqual([]); // 4:5
    expect(codes("instagram", [image({ width: 1910, height: 1000 })])).toEqual([]);
    expect(codes("instagram", [image({ width: 1080, height: 1920 })])).toEqual(["media_aspect_ratio"]); // 9:16 photo
    expect(codes("instagram", [image({ width: 3000, height: 1000 })])).toEqual(["media_aspect_ratio"]);
    expect(codes("x", [image({ width: 3000, height: 1000 })])).toEqual([]);
  });
  it("WebM goes to TikTok and YouTube, not to X or Instagram", () => {
    expect(codes("tiktok", [video({ format: "webm" })])).toEqual([]);
    expect(codes("x", [video({ format: "webm" })])).toEqual(["media_format"]);
  });
});

describe("rights", () => {
  it("an expired licence blocks; one ending before the slot blocks; one ending within 14 days warns", () => {
    const expired = image({ licenceExpiresAt: "2026-05-31T23:59:00Z" });
    const soon = image({ licenceExpiresAt: new Date("2026-06-10T00:00:00Z") });
    const later = image({ licenceExpiresAt: new Date("2026-09-01T00:00:00Z") });
    expect(codes("x", [expired])).toEqual(["media_licence_expired"]);
    expect(codes("x", [soon])).toEqual(["media_licence_expiring"]);
    expect(codes("x", [soon], new Date("2026-06-20T00:00:00Z"))).toEqual(["media_licence_before_slot"]);
    expect(codes("x", [later], new Date("2026-06-20T00:00:00Z"))).toEqual([]);
    const w = checkVariantMedia({ platform: "x", media: [soon], now: NOW });
    expect(w[0]).toMatchObject({ severity: "warning", params: { days: 9, expiresAt: "2026-06-10T00:00:00.000Z" } });
  });
  it("an id that no longer resolves blocks", () => {
    expect(codes("x", [{ id: "gone", missing: true }])).toEqual(["media_unavailable"]);
  });
});

describe("in the checks panel", () => {
  const base = { brandId: null, lexicon: [], rules: [], isCommercial: false, now: NOW } as const;
  it("without `media` no media rule runs (callers that know nothing of media)", () => {
    expect(runChecks({ ...base, platform: "instagram", text: "秋の新作" }).blocking).toBe(false);
  });
  it("media findings block, with the asset id in the params", () => {
    const r = runChecks({ ...base, platform: "instagram", text: "秋の新作", media: [] });
    expect(r.blocking).toBe(true);
    expect(r.blockingFindings.map((f) => [f.code, f.source])).toEqual([["media_required", "media"]]);
    const png = image({ format: "png" });
    const r2 = runChecks({ ...base, platform: "instagram", text: "秋の新作", media: [png] });
    expect(r2.findings[0]!.params.assetId).toBe(png.id);
  });
  it("per variant in a post: the Instagram variant blocks, the X variant does not", () => {
    const r = runChecksForPost({
      ...base,
      variants: [
        { platform: "x", text: "秋の新作", media: [] },
        { platform: "instagram", text: "秋の新作", media: [] },
      ],
    });
    expect(r.variants.map((v) => v.blocking)).toEqual([false, true]);
    expect(r.blocking).toBe(true);
  });
});

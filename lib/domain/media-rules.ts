/**
 * Each network's rules for the media attached to one variant, as pure functions the checks panel
 * (browser) and the server (save, submit, every approval) share. Findings carry stable codes and
 * params; the UI translates them.
 *
 * | network   | media      | how many                                   | formats (image / video)     | size (image / video) | video length   | other                    |
 * |-----------|------------|--------------------------------------------|-----------------------------|----------------------|----------------|--------------------------|
 * | X         | optional   | ≤ 4 images, or 1 GIF, or 1 video (no mix)  | JPEG PNG WebP GIF / MP4 MOV | 5 MB (GIF 15) / 512  | 0.5 s – 140 s  |                          |
 * | Instagram | required   | ≤ 10 (carousel; images and videos mix)     | JPEG / MP4 MOV              | 8 MB / 300 MB        | 3 s – 15 min   | image 4:5 … 1.91:1       |
 * | Facebook  | optional   | ≤ 10 photos, or 1 video (no mix)           | JPEG PNG GIF WebP / MP4 MOV | 10 MB / 10 GB        | ≤ 240 min      |                          |
 * | LINE      | optional   | ≤ 4 (5 messages a broadcast, 1 is the text) | JPEG PNG / MP4              | 10 MB / 200 MB       | —              |                          |
 * | TikTok    | required   | 1 video, or 1–35 photos (no mix)           | JPEG WebP / MP4 MOV WebM    | 20 MB / 4 GB         | 3 s – 10 min   |                          |
 * | YouTube   | required   | exactly 1 video                            | — / MP4 MOV WebM            | — / 256 GB           | —              |                          |
 *
 * Rights, for every network: an asset whose licence has expired blocks; one that expires before the
 * slot blocks (it would be published without rights); one that expires within 14 days warns.
 * An id that no longer resolves to an asset blocks (`media_unavailable`).
 */
import type { MediaFormat, MediaKind } from "./media";
import type { Platform } from "./text-length";

export type MediaItem = {
  id: string;
  kind: MediaKind;
  format: MediaFormat;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  licenceExpiresAt: Date | string | null;
};

export type MediaFindingCode =
  | "media_required"
  | "media_too_many"
  | "media_mix"
  | "media_format"
  | "media_too_large"
  | "media_too_long"
  | "media_too_short"
  | "media_aspect_ratio"
  | "media_unavailable"
  | "media_licence_expired"
  | "media_licence_before_slot"
  | "media_licence_expiring";

export type MediaFinding = {
  code: MediaFindingCode;
  severity: "blocking" | "warning";
  /** The asset concerned (null for the variant as a whole). */
  assetId: string | null;
  params: Record<string, string | number | null>;
};

const MB = 1000 * 1000;
const GB = 1000 * MB;

export type NetworkMediaSpec = {
  required: boolean;
  /** Most items in one post. */
  maxItems: number;
  /** Most images (when fewer than maxItems). */
  maxImages: number;
  maxVideos: number;
  /** Images and videos in one post. */
  allowMix: boolean;
  /** An animated GIF must be the only item. */
  gifAlone: boolean;
  imageFormats: readonly MediaFormat[];
  videoFormats: readonly MediaFormat[];
  maxImageBytes: number;
  maxGifBytes: number;
  maxVideoBytes: number;
  minVideoMs: number | null;
  maxVideoMs: number | null;
  /** width / height bounds for images. */
  imageAspect: { min: number; max: number } | null;
};

export const NETWORK_MEDIA: { readonly [P in Platform]: NetworkMediaSpec } = {
  x: {
    required: false, maxItems: 4, maxImages: 4, maxVideos: 1, allowMix: false, gifAlone: true,
    imageFormats: ["jpeg", "png", "webp", "gif"], videoFormats: ["mp4", "mov"],
    maxImageBytes: 5 * MB, maxGifBytes: 15 * MB, maxVideoBytes: 512 * MB, minVideoMs: 500, maxVideoMs: 140_000, imageAspect: null,
  },
  instagram: {
    required: true, maxItems: 10, maxImages: 10, maxVideos: 10, allowMix: true, gifAlone: false,
    imageFormats: ["jpeg"], videoFormats: ["mp4", "mov"],
    maxImageBytes: 8 * MB, maxGifBytes: 0, maxVideoBytes: 300 * MB, minVideoMs: 3_000, maxVideoMs: 15 * 60_000, imageAspect: { min: 4 / 5, max: 1.91 },
  },
  facebook: {
    required: false, maxItems: 10, maxImages: 10, maxVideos: 1, allowMix: false, gifAlone: false,
    imageFormats: ["jpeg", "png", "gif", "webp"], videoFormats: ["mp4", "mov"],
    maxImageBytes: 10 * MB, maxGifBytes: 10 * MB, maxVideoBytes: 10 * GB, minVideoMs: null, maxVideoMs: 240 * 60_000, imageAspect: null,
  },
  line: {
    required: false, maxItems: 4, maxImages: 4, maxVideos: 4, allowMix: true, gifAlone: false,
    imageFormats: ["jpeg", "png"], videoFormats: ["mp4"],
    maxImageBytes: 10 * MB, maxGifBytes: 0, maxVideoBytes: 200 * MB, minVideoMs: null, maxVideoMs: null, imageAspect: null,
  },
  tiktok: {
    required: true, maxItems: 35, maxImages: 35, maxVideos: 1, allowMix: false, gifAlone: false,
    imageFormats: ["jpeg", "webp"], videoFormats: ["mp4", "mov", "webm"],
    maxImageBytes: 20 * MB, maxGifBytes: 0, maxVideoBytes: 4 * GB, minVideoMs: 3_000, maxVideoMs: 10 * 60_000, imageAspect: null,
  },
  youtube: {
    required: true, maxItems: 1, maxImages: 0, maxVideos: 1, allowMix: false, gifAlone: false,
    imageFormats: [], videoFormats: ["mp4", "mov", "webm"],
    maxImageBytes: 0, maxGifBytes: 0, maxVideoBytes: 256 * GB, minVideoMs: null, maxVideoMs: null, imageAspect: null,
  },
};

/** A licence expiring within this many days of now warns. */
export const LICENCE_WARNING_DAYS = 14;
const DAY = 86_400_000;

const toTime = (d: Date | string | null | undefined): number | null => {
  if (d === null || d === undefined) return null;
  const t = (d instanceof Date ? d : new Date(d)).getTime();
  return Number.isNaN(t) ? null : t;
};

/**
 * The media findings of one variant. `media` lists the variant's attachments in order; an entry
 * of `null` is an id that did not resolve (deleted, another brand's). `now` decides licence expiry;
 * `slotAt` (when planned) makes a licence that ends before publication blocking.
 */
export function checkVariantMedia(input: {
  platform: Platform;
  media: readonly (MediaItem | { id: string; missing: true })[];
  /** Null: licences are not judged (the caller has no clock to give). */
  now: Date | null;
  slotAt?: Date | string | null;
  /** Published as a reply (a correction under the original): the network's "media required" does not apply. */
  asReply?: boolean;
}): MediaFinding[] {
  const spec = NETWORK_MEDIA[input.platform];
  const out: MediaFinding[] = [];
  const items = input.media.filter((m): m is MediaItem => !("missing" in m));
  for (const m of input.media) if ("missing" in m) out.push({ code: "media_unavailable", severity: "blocking", assetId: m.id, params: {} });

  const images = items.filter((m) => m.kind === "image");
  const videos = items.filter((m) => m.kind === "video");
  const gifs = images.filter((m) => m.format === "gif");

  if (spec.required && !input.asReply && input.media.length === 0) out.push({ code: "media_required", severity: "blocking", assetId: null, params: { kind: input.platform === "youtube" ? "video" : "any" } });
  if (input.media.length > spec.maxItems) out.push({ code: "media_too_many", severity: "blocking", assetId: null, params: { count: input.media.length, max: spec.maxItems, kind: "any" } });
  else if (images.length > spec.maxImages) out.push({ code: "media_too_many", severity: "blocking", assetId: null, params: { count: images.length, max: spec.maxImages, kind: "image" } });
  else if (videos.length > spec.maxVideos) out.push({ code: "media_too_many", severity: "blocking", assetId: null, params: { count: videos.length, max: spec.maxVideos, kind: "video" } });
  if (!spec.allowMix && images.length > 0 && videos.length > 0) out.push({ code: "media_mix", severity: "blocking", assetId: null, params: {} });
  else if (spec.gifAlone && gifs.length > 0 && items.length > 1) out.push({ code: "media_mix", severity: "blocking", assetId: null, params: { gif: 1 } });

  for (const m of items) {
    const allowed = m.kind === "image" ? spec.imageFormats : spec.videoFormats;
    if (!allowed.includes(m.format)) {
      out.push({ code: "media_format", severity: "blocking", assetId: m.id, params: { format: m.format, allowed: allowed.join(", ") || "—" } });
      continue;
    }
    const max = m.kind === "video" ? spec.maxVideoBytes : m.format === "gif" ? spec.maxGifBytes : spec.maxImageBytes;
    if (m.sizeBytes > max) out.push({ code: "media_too_large", severity: "blocking", assetId: m.id, params: { sizeMb: round1(m.sizeBytes / MB), maxMb: round1(max / MB) } });
    if (m.kind === "video" && m.durationMs !== null) {
      if (spec.maxVideoMs !== null && m.durationMs > spec.maxVideoMs) {
        out.push({ code: "media_too_long", severity: "blocking", assetId: m.id, params: { seconds: round1(m.durationMs / 1000), maxSeconds: spec.maxVideoMs / 1000 } });
      }
      if (spec.minVideoMs !== null && m.durationMs < spec.minVideoMs) {
        out.push({ code: "media_too_short", severity: "blocking", assetId: m.id, params: { seconds: round1(m.durationMs / 1000), minSeconds: spec.minVideoMs / 1000 } });
      }
    }
    if (m.kind === "image" && spec.imageAspect && m.width && m.height) {
      const ratio = m.width / m.height;
      if (ratio < spec.imageAspect.min - 0.005 || ratio > spec.imageAspect.max + 0.005) {
        out.push({ code: "media_aspect_ratio", severity: "blocking", assetId: m.id, params: { ratio: round2(ratio), min: "4:5", max: "1.91:1" } });
      }
    }
  }

  if (!input.now) return out;
  const now = input.now.getTime();
  const slot = toTime(input.slotAt);
  for (const m of items) {
    const exp = toTime(m.licenceExpiresAt);
    if (exp === null) continue;
    const at = new Date(exp).toISOString();
    if (exp <= now) out.push({ code: "media_licence_expired", severity: "blocking", assetId: m.id, params: { expiresAt: at } });
    else if (slot !== null && exp <= slot) out.push({ code: "media_licence_before_slot", severity: "blocking", assetId: m.id, params: { expiresAt: at } });
    else if (exp - now <= LICENCE_WARNING_DAYS * DAY) out.push({ code: "media_licence_expiring", severity: "warning", assetId: m.id, params: { expiresAt: at, days: Math.ceil((exp - now) / DAY) } });
  }
  return out;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

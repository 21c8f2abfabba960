/**
 * What an uploaded file really is, decided from its bytes (never from its name or the browser's
 * Content-Type), plus the library's size, pixel and duration limits. Pure: no IO, no Node APIs
 * (Uint8Array and DataView only), so the browser runs the same pre-check before uploading and the
 * server runs it again as the guard.
 *
 * Accepted: JPEG, PNG, GIF, WebP images; MP4, MOV (ISO-BMFF "ftyp" brands) and WebM videos.
 * Refused: anything else, SVG and HTML (markup), files whose name's extension or declared type
 * disagrees with the bytes, and polyglots (markup anywhere in the file, a PDF header in the first
 * KiB, a ZIP directory at the end, or bytes after the image's own end).
 *
 * Dimensions (and a video's duration) are read from the container headers before anything is
 * decoded, so a decompression bomb (a small file declaring a huge canvas) is refused here and
 * never reaches the thumbnailer.
 *
 * Library limits (the most any supported network accepts, capped for an internal web upload; the
 * stricter per-network rules are in media-rules.ts and shown in the checks panel):
 *
 * | kind           | max size | max pixels / side            | why                                              |
 * |----------------|----------|------------------------------|--------------------------------------------------|
 * | JPEG/PNG/WebP  | 8 MiB    | 40 MP, 10,000 px a side      | Instagram's API takes up to 8 MB; X 5 MB, Facebook |
 * |                |          |                              | and LINE 10 MB (checked per network)              |
 * | GIF            | 15 MiB   | 40 MP canvas, 1,000 frames   | X's animated-GIF limit is 15 MB                   |
 * | MP4/MOV/WebM   | 100 MiB  | 4096 px a side, ≤ 60 min     | Instagram feed video 100 MB; larger files belong   |
 * |                |          |                              | in a video tool, not a browser upload              |
 */

export const MEDIA_FORMATS = ["jpeg", "png", "gif", "webp", "mp4", "mov", "webm"] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];
export type MediaKind = "image" | "video";

export const FORMAT_INFO: { readonly [F in MediaFormat]: { kind: MediaKind; mime: string; ext: string; extensions: readonly string[]; aliases: readonly string[] } } = {
  jpeg: { kind: "image", mime: "image/jpeg", ext: "jpg", extensions: ["jpg", "jpeg", "jfif", "jpe"], aliases: ["image/jpg", "image/pjpeg"] },
  png: { kind: "image", mime: "image/png", ext: "png", extensions: ["png"], aliases: ["image/x-png"] },
  gif: { kind: "image", mime: "image/gif", ext: "gif", extensions: ["gif"], aliases: [] },
  webp: { kind: "image", mime: "image/webp", ext: "webp", extensions: ["webp"], aliases: [] },
  mp4: { kind: "video", mime: "video/mp4", ext: "mp4", extensions: ["mp4", "m4v"], aliases: ["video/x-m4v"] },
  mov: { kind: "video", mime: "video/quicktime", ext: "mov", extensions: ["mov", "qt"], aliases: [] },
  webm: { kind: "video", mime: "video/webm", ext: "webm", extensions: ["webm"], aliases: [] },
};

const MiB = 1024 * 1024;

export const MEDIA_LIMITS = {
  image: { maxBytes: 8 * MiB, maxPixels: 40_000_000, maxSide: 10_000 },
  gif: { maxBytes: 15 * MiB, maxPixels: 40_000_000, maxSide: 10_000, maxFrames: 1_000 },
  video: { maxBytes: 100 * MiB, maxSide: 4096, maxDurationMs: 60 * 60 * 1000 },
} as const;

/** The largest file any kind may be: the upload route refuses bodies above this (plus form overhead) unread. */
export const MAX_UPLOAD_BYTES = Math.max(MEDIA_LIMITS.image.maxBytes, MEDIA_LIMITS.gif.maxBytes, MEDIA_LIMITS.video.maxBytes);

export function maxBytesFor(format: MediaFormat): number {
  return format === "gif" ? MEDIA_LIMITS.gif.maxBytes : FORMAT_INFO[format].kind === "video" ? MEDIA_LIMITS.video.maxBytes : MEDIA_LIMITS.image.maxBytes;
}

export type MediaRejection =
  | "empty"
  | "markup"
  | "unknown_type"
  | "polyglot"
  | "extension_mismatch"
  | "declared_type_mismatch"
  | "truncated"
  | "dimensions_unreadable"
  | "too_large"
  | "too_many_pixels"
  | "too_many_frames"
  | "too_long";

export type MediaInfo = {
  format: MediaFormat;
  kind: MediaKind;
  mime: string;
  ext: string;
  width: number;
  height: number;
  /** Videos only (null when the container does not state it, e.g. a WebM straight from a recorder). */
  durationMs: number | null;
  /** GIF frames (1 for every other image). */
  frames: number;
};

export type MediaInspection = ({ ok: true } & MediaInfo) | { ok: false; reason: MediaRejection; format?: MediaFormat };

class Bad extends Error {
  constructor(readonly reason: MediaRejection) {
    super(reason);
  }
}

// ── magic bytes ──

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

const MP4_BRANDS = new Set(["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "mp71", "avc1", "M4V ", "M4VH", "M4VP", "MSNV", "dash"]);
const MOV_BRANDS = new Set(["qt  "]);

/** The format the first bytes claim, or null. Nothing else is parsed. */
export function sniffFormat(b: Uint8Array): MediaFormat | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (b.length >= 6 && (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a")) return "gif";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return "webp";
  if (b.length >= 12 && ascii(b, 4, 4) === "ftyp") {
    const brand = ascii(b, 8, 4);
    if (MOV_BRANDS.has(brand)) return "mov";
    if (MP4_BRANDS.has(brand)) return "mp4";
    return null; // HEIC, AVIF, 3GP, … are ISO-BMFF too, and not accepted
  }
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return webmDocType(b) === "webm" ? "webm" : null;
  return null;
}

/** Markup a browser or an XML parser would act on: SVG, HTML, XML, scripts. */
function looksLikeMarkup(b: Uint8Array): boolean {
  let i = 0;
  if (startsWith(b, [0xef, 0xbb, 0xbf])) i = 3; // UTF-8 BOM
  if (startsWith(b, [0xfe, 0xff]) || startsWith(b, [0xff, 0xfe])) return true; // UTF-16 text is never media
  while (i < b.length && i < 1024 && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  return b[i] === 0x3c; // "<"
}

const MARKUP_NEEDLES = ["<script", "<html", "<svg", "<!doctype", "<?php", "<iframe", "<body", "<object", "<embed", "<meta", "javascript:"].map((s) =>
  Array.from(s, (c) => c.charCodeAt(0)),
);

/** Case-insensitive search for active markup anywhere in the file (XMP's "<?xpacket"/"<x:xmpmeta" are not in the list). */
function containsMarkup(b: Uint8Array): boolean {
  for (let i = b.indexOf(0x3c); i !== -1; i = b.indexOf(0x3c, i + 1)) {
    for (const n of MARKUP_NEEDLES) if (n[0] === 0x3c && matchesAt(b, i, n)) return true;
  }
  const js = MARKUP_NEEDLES[MARKUP_NEEDLES.length - 1]!;
  for (const first of [0x6a, 0x4a]) for (let i = b.indexOf(first); i !== -1; i = b.indexOf(first, i + 1)) if (matchesAt(b, i, js)) return true;
  return false;
}

function matchesAt(b: Uint8Array, at: number, needle: readonly number[]): boolean {
  if (at + needle.length > b.length) return false;
  for (let k = 0; k < needle.length; k++) {
    let c = b[at + k]!;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== needle[k]) return false;
  }
  return true;
}

/** Another format hiding in the same bytes: a PDF header near the start or a ZIP directory near the end (GIFAR and friends). */
function hidesAnotherFormat(b: Uint8Array): boolean {
  const head = b.subarray(0, 1024);
  for (let i = head.indexOf(0x25); i !== -1; i = head.indexOf(0x25, i + 1)) if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d], i)) return true; // %PDF-
  const tailStart = Math.max(0, b.length - (65_535 + 22));
  for (let i = b.indexOf(0x50, tailStart); i !== -1; i = b.indexOf(0x50, i + 1)) if (startsWith(b, [0x50, 0x4b, 0x05, 0x06], i)) return true; // PK\5\6
  return false;
}

// ── readers ──

function view(b: Uint8Array) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const need = (at: number, len: number) => {
    if (at < 0 || at + len > b.length) throw new Bad("truncated");
  };
  return {
    u8: (at: number) => (need(at, 1), dv.getUint8(at)),
    u16be: (at: number) => (need(at, 2), dv.getUint16(at)),
    u16le: (at: number) => (need(at, 2), dv.getUint16(at, true)),
    u24le: (at: number) => (need(at, 3), dv.getUint16(at, true) + dv.getUint8(at + 2) * 65536),
    u32be: (at: number) => (need(at, 4), dv.getUint32(at)),
    u32le: (at: number) => (need(at, 4), dv.getUint32(at, true)),
    u64be: (at: number) => (need(at, 8), dv.getUint32(at) * 2 ** 32 + dv.getUint32(at + 4)),
    f32be: (at: number) => (need(at, 4), dv.getFloat32(at)),
    f64be: (at: number) => (need(at, 8), dv.getFloat64(at)),
  };
}

type Dims = { width: number; height: number; durationMs: number | null; frames: number };

function jpegDims(b: Uint8Array): Dims {
  const r = view(b);
  let i = 2;
  for (;;) {
    if (r.u8(i) !== 0xff) throw new Bad("dimensions_unreadable");
    while (r.u8(i) === 0xff) i++; // fill bytes
    const m = r.u8(i);
    i++;
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) continue; // no length
    if (m === 0xd9 || m === 0xda) throw new Bad("dimensions_unreadable"); // end, or scan data before any frame header
    const len = r.u16be(i);
    if (len < 2) throw new Bad("dimensions_unreadable");
    const isSof = m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
    if (isSof) return { height: r.u16be(i + 3), width: r.u16be(i + 5), durationMs: null, frames: 1 };
    i += len;
  }
}

function pngDims(b: Uint8Array): Dims {
  const r = view(b);
  if (r.u32be(8) !== 13 || ascii(b, 12, 4) !== "IHDR") throw new Bad("dimensions_unreadable");
  const dims = { width: r.u32be(16), height: r.u32be(20), durationMs: null, frames: 1 };
  // Walk the chunks to IEND: nothing may follow it.
  let i = 8;
  for (;;) {
    const len = r.u32be(i);
    const type = ascii(b, i + 4, 4);
    const end = i + 12 + len;
    if (end > b.length) throw new Bad("truncated");
    if (type === "IEND") {
      if (end !== b.length) throw new Bad("polyglot");
      return dims;
    }
    i = end;
  }
}

function gifDims(b: Uint8Array): Dims {
  const r = view(b);
  const width = r.u16le(6);
  const height = r.u16le(8);
  const flags = r.u8(10);
  let i = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  let frames = 0;
  const skipSubBlocks = () => {
    for (let n = r.u8(i); n !== 0; n = r.u8(i)) i += n + 1;
    i++;
  };
  for (;;) {
    const block = r.u8(i);
    if (block === 0x3b) {
      // trailer: only zero padding may follow
      for (let k = i + 1; k < b.length; k++) if (b[k] !== 0) throw new Bad("polyglot");
      return { width, height, durationMs: null, frames: Math.max(frames, 1) };
    }
    if (block === 0x21) {
      i += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      if (frames > MEDIA_LIMITS.gif.maxFrames) throw new Bad("too_many_frames");
      const lflags = r.u8(i + 9);
      i += 10 + (lflags & 0x80 ? 3 * 2 ** ((lflags & 0x07) + 1) : 0);
      i++; // LZW minimum code size
      skipSubBlocks();
    } else throw new Bad("dimensions_unreadable");
  }
}

function webpDims(b: Uint8Array): Dims {
  const r = view(b);
  const riffSize = r.u32le(4);
  const total = 8 + riffSize + (riffSize % 2);
  if (total > b.length) throw new Bad("truncated");
  if (total < b.length) throw new Bad("polyglot");
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 ") {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) throw new Bad("dimensions_unreadable");
    return { width: r.u16le(26) & 0x3fff, height: r.u16le(28) & 0x3fff, durationMs: null, frames: 1 };
  }
  if (chunk === "VP8L") {
    if (r.u8(20) !== 0x2f) throw new Bad("dimensions_unreadable");
    const bits = r.u32le(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, durationMs: null, frames: 1 };
  }
  if (chunk === "VP8X") return { width: r.u24le(24) + 1, height: r.u24le(27) + 1, durationMs: null, frames: 1 };
  throw new Bad("dimensions_unreadable");
}

/** ISO-BMFF (MP4/MOV): walk the boxes; mvhd gives the duration, the largest tkhd the picture size. */
function isoBmffDims(b: Uint8Array): Dims {
  const r = view(b);
  let width = 0;
  let height = 0;
  let durationMs: number | null = null;
  let sawMoov = false;
  const walk = (start: number, end: number, depth: number) => {
    let i = start;
    while (i < end) {
      if (end - i < 8) {
        // a few stray bytes at the very end: only zeros are tolerated
        for (let k = i; k < end; k++) if (b[k] !== 0) throw new Bad("polyglot");
        return;
      }
      let size = r.u32be(i);
      const type = ascii(b, i + 4, 4);
      let header = 8;
      if (size === 1) {
        size = r.u64be(i + 8);
        header = 16;
      } else if (size === 0) size = end - i;
      if (size < header) throw new Bad("dimensions_unreadable");
      if (i + size > end) throw new Bad("truncated");
      if (type === "moov" || type === "trak") {
        if (type === "moov") sawMoov = true;
        if (depth < 4) walk(i + header, i + size, depth + 1);
      } else if (type === "mvhd") {
        const v = r.u8(i + header);
        const timescale = v === 1 ? r.u32be(i + header + 20) : r.u32be(i + header + 12);
        const duration = v === 1 ? r.u64be(i + header + 24) : r.u32be(i + header + 16);
        if (timescale > 0) durationMs = Math.round((duration / timescale) * 1000);
      } else if (type === "tkhd") {
        const v = r.u8(i + header);
        const at = i + header + (v === 1 ? 88 : 76);
        const w = r.u32be(at) / 65536;
        const h = r.u32be(at + 4) / 65536;
        if (w * h > width * height) {
          width = Math.round(w);
          height = Math.round(h);
        }
      }
      i += size;
    }
  };
  walk(0, b.length, 0);
  if (!sawMoov) throw new Bad("truncated");
  if (!width || !height) throw new Bad("dimensions_unreadable");
  return { width, height, durationMs, frames: 1 };
}

// EBML (WebM): variable-length integers.
function vint(b: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } {
  const first = b[at];
  if (first === undefined) throw new Bad("truncated");
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8) throw new Bad("dimensions_unreadable");
  if (at + length > b.length) throw new Bad("truncated");
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = (first & (0xff >> length)) === 0xff >> length;
  for (let k = 1; k < length; k++) {
    value = value * 256 + b[at + k]!;
    if (b[at + k] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

type EbmlElement = { id: number; dataStart: number; dataEnd: number; unknownSize: boolean };

function* ebmlChildren(b: Uint8Array, start: number, end: number): Generator<EbmlElement> {
  let i = start;
  while (i < end) {
    const id = vint(b, i, true);
    const size = vint(b, i + id.length, false);
    const dataStart = i + id.length + size.length;
    const dataEnd = size.unknown ? end : dataStart + size.value;
    if (dataEnd > end) throw new Bad("truncated");
    yield { id: id.value, dataStart, dataEnd, unknownSize: size.unknown };
    if (size.unknown) return;
    i = dataEnd;
  }
}

const uintOf = (b: Uint8Array, e: EbmlElement) => {
  let v = 0;
  for (let k = e.dataStart; k < e.dataEnd; k++) v = v * 256 + b[k]!;
  return v;
};

function webmDocType(b: Uint8Array): string | null {
  try {
    const [header] = ebmlChildren(b, 0, b.length);
    if (!header || header.id !== 0x1a45dfa3) return null;
    for (const e of ebmlChildren(b, header.dataStart, header.dataEnd)) if (e.id === 0x4282) return ascii(b, e.dataStart, e.dataEnd - e.dataStart);
  } catch {
    return null;
  }
  return null;
}

function webmDims(b: Uint8Array): Dims {
  const r = view(b);
  let width = 0;
  let height = 0;
  let timecodeScale = 1_000_000;
  let duration: number | null = null;
  let sawSegment = false;
  for (const top of ebmlChildren(b, 0, b.length)) {
    if (top.id !== 0x18538067) continue; // Segment
    sawSegment = true;
    for (const e of ebmlChildren(b, top.dataStart, top.dataEnd)) {
      if (e.id === 0x1549a966) {
        // Info
        for (const f of ebmlChildren(b, e.dataStart, e.dataEnd)) {
          if (f.id === 0x2ad7b1) timecodeScale = uintOf(b, f);
          if (f.id === 0x4489) duration = f.dataEnd - f.dataStart === 4 ? r.f32be(f.dataStart) : r.f64be(f.dataStart);
        }
      } else if (e.id === 0x1654ae6b) {
        // Tracks → TrackEntry → Video → PixelWidth / PixelHeight
        for (const entry of ebmlChildren(b, e.dataStart, e.dataEnd)) {
          if (entry.id !== 0xae) continue;
          for (const v of ebmlChildren(b, entry.dataStart, entry.dataEnd)) {
            if (v.id !== 0xe0) continue;
            for (const p of ebmlChildren(b, v.dataStart, v.dataEnd)) {
              if (p.id === 0xb0) width = Math.max(width, uintOf(b, p));
              if (p.id === 0xba) height = Math.max(height, uintOf(b, p));
            }
          }
        }
      } else if (e.id === 0x1f43b675 && (width || e.unknownSize)) break; // Cluster: the headers are behind us
    }
  }
  if (!sawSegment) throw new Bad("truncated");
  if (!width || !height) throw new Bad("dimensions_unreadable");
  const durationMs = duration === null || !Number.isFinite(duration) ? null : Math.round((duration * timecodeScale) / 1_000_000);
  return { width, height, durationMs, frames: 1 };
}

const DIMS: Record<MediaFormat, (b: Uint8Array) => Dims> = {
  jpeg: jpegDims,
  png: pngDims,
  gif: gifDims,
  webp: webpDims,
  mp4: isoBmffDims,
  mov: isoBmffDims,
  webm: webmDims,
};

/** The extension of a user's file name, lower-cased, or "" (the name is never used to store anything). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/** The format a Content-Type names, or null (also for empty and application/octet-stream). */
export function formatOfMime(mime: string): MediaFormat | null {
  const m = mime.split(";")[0]!.trim().toLowerCase();
  return MEDIA_FORMATS.find((f) => FORMAT_INFO[f].mime === m || FORMAT_INFO[f].aliases.includes(m)) ?? null;
}

/** Size, pixel, frame and duration limits for what the headers say. */
export function checkMediaLimits(info: Pick<MediaInfo, "format" | "width" | "height" | "durationMs" | "frames">, sizeBytes: number): MediaRejection | null {
  if (sizeBytes > maxBytesFor(info.format)) return "too_large";
  if (FORMAT_INFO[info.format].kind === "video") {
    const l = MEDIA_LIMITS.video;
    if (info.width > l.maxSide || info.height > l.maxSide) return "too_many_pixels";
    if (info.durationMs !== null && info.durationMs > l.maxDurationMs) return "too_long";
    return null;
  }
  const l = info.format === "gif" ? MEDIA_LIMITS.gif : MEDIA_LIMITS.image;
  if (info.width > l.maxSide || info.height > l.maxSide || info.width * info.height > l.maxPixels) return "too_many_pixels";
  if (info.format === "gif" && info.frames > MEDIA_LIMITS.gif.maxFrames) return "too_many_frames";
  return null;
}

/**
 * The whole upload check, in order: empty → markup → magic bytes → the name's extension → the
 * declared type → headers (dimensions, duration; truncation, trailing data) → polyglot scan → limits.
 * `declaredType` is the browser's guess and may be empty; it only ever narrows, never decides.
 */
export function inspectMedia(bytes: Uint8Array, opts: { fileName: string; declaredType?: string | null }): MediaInspection {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (looksLikeMarkup(bytes)) return { ok: false, reason: "markup" };
  const format = sniffFormat(bytes);
  if (!format) return { ok: false, reason: "unknown_type" };
  const info = FORMAT_INFO[format];
  if (!info.extensions.includes(extensionOf(opts.fileName))) return { ok: false, reason: "extension_mismatch", format };
  const declared = (opts.declaredType ?? "").split(";")[0]!.trim().toLowerCase();
  if (declared && declared !== "application/octet-stream" && formatOfMime(declared) !== format) return { ok: false, reason: "declared_type_mismatch", format };
  // Cheap size check before parsing anything big.
  if (bytes.length > maxBytesFor(format)) return { ok: false, reason: "too_large", format };
  let dims: Dims;
  try {
    dims = DIMS[format](bytes);
  } catch (e) {
    if (e instanceof Bad) return { ok: false, reason: e.reason, format };
    throw e;
  }
  if (!dims.width || !dims.height) return { ok: false, reason: "dimensions_unreadable", format };
  if (containsMarkup(bytes) || hidesAnotherFormat(bytes)) return { ok: false, reason: "polyglot", format };
  const limit = checkMediaLimits({ format, ...dims }, bytes.length);
  if (limit) return { ok: false, reason: limit, format };
  return { ok: true, format, kind: info.kind, mime: info.mime, ext: info.ext, ...dims };
}

/** The file-picker `accept` list. */
export const ACCEPT_ATTRIBUTE = MEDIA_FORMATS.flatMap((f) => [FORMAT_INFO[f].mime, ...FORMAT_INFO[f].extensions.map((e) => `.${e}`)]).join(",");

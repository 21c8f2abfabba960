/**
 * Magic-byte sniffing, header parsing and limits (lib/domain/media.ts) on real files: images made
 * by libvips (sharp), videos made by ffmpeg (committed fixtures), and hand-built hostile bytes.
 */
import fs from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { FORMAT_INFO, MEDIA_LIMITS, extensionOf, formatOfMime, inspectMedia, sniffFormat, type MediaInspection } from "@/lib/domain/media";

const u8 = (b: Buffer | Uint8Array | number[]) => new Uint8Array(b);
const concat = (...parts: (Uint8Array | number[] | string)[]) =>
  u8(Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p)))));
const reason = (r: MediaInspection) => (r.ok ? "ok" : r.reason);

const img: Record<"jpeg" | "png" | "gif" | "webp" | "webpLossless" | "webpAlpha", Uint8Array> = {} as never;
const video = {
  mp4: u8(fs.readFileSync("tests/fixtures/media/tiny.mp4")),
  mov: u8(fs.readFileSync("tests/fixtures/media/tiny.mov")),
  webm: u8(fs.readFileSync("tests/fixtures/media/tiny.webm")),
  seed: u8(fs.readFileSync("db/seed/assets/beauty-tieup.mp4")),
};

beforeAll(async () => {
  const base = () => sharp({ create: { width: 320, height: 240, channels: 3, background: "#0f766e" } });
  img.jpeg = u8(await base().jpeg().toBuffer());
  img.png = u8(await base().png().toBuffer());
  img.gif = u8(await base().gif().toBuffer());
  img.webp = u8(await base().webp().toBuffer());
  img.webpLossless = u8(await base().webp({ lossless: true }).toBuffer());
  img.webpAlpha = u8(await sharp({ create: { width: 320, height: 240, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).webp().toBuffer());
});

describe("sniffFormat", () => {
  it("recognises each accepted format by its first bytes", () => {
    expect(sniffFormat(img.jpeg)).toBe("jpeg");
    expect(sniffFormat(img.png)).toBe("png");
    expect(sniffFormat(img.gif)).toBe("gif");
    expect(sniffFormat(img.webp)).toBe("webp");
    expect(sniffFormat(video.mp4)).toBe("mp4");
    expect(sniffFormat(video.mov)).toBe("mov");
    expect(sniffFormat(video.webm)).toBe("webm");
  });

  it("does not recognise look-alikes: HEIC/AVIF ftyp brands, Matroska, BMP, PDF, ZIP, text", () => {
    const ftyp = (brand: string) => concat([0, 0, 0, 0x18], "ftyp", brand, [0, 0, 0, 0], brand, "mif1");
    expect(sniffFormat(ftyp("heic"))).toBeNull();
    expect(sniffFormat(ftyp("avif"))).toBeNull();
    expect(sniffFormat(ftyp("3gp4"))).toBeNull();
    const mkv = Buffer.from(video.webm);
    const at = mkv.indexOf("webm");
    const matroska = concat(mkv.subarray(0, at), "mkvx", mkv.subarray(at + 4)); // same length, other DocType
    expect(sniffFormat(matroska)).toBeNull();
    expect(sniffFormat(concat("BM", new Array(60).fill(0)))).toBeNull();
    expect(sniffFormat(concat("%PDF-1.7\n"))).toBeNull();
    expect(sniffFormat(concat([0x50, 0x4b, 0x03, 0x04], new Array(30).fill(0)))).toBeNull();
    expect(sniffFormat(concat("hello"))).toBeNull();
    expect(sniffFormat(new Uint8Array())).toBeNull();
  });
});

describe("inspectMedia: accepted files", () => {
  it.each([
    ["jpeg", "photo.JPG", "image/jpeg"],
    ["png", "スクリーンショット.png", "image/png"],
    ["gif", "anim.gif", ""],
    ["webp", "a.webp", "image/webp"],
    ["webpLossless", "b.webp", "application/octet-stream"],
    ["webpAlpha", "c.webp", null],
  ] as const)("%s → its format, type and the size from the headers", (key, name, declared) => {
    const r = inspectMedia(img[key], { fileName: name, declaredType: declared });
    expect(r).toMatchObject({ ok: true, kind: "image", width: 320, height: 240, durationMs: null, frames: 1 });
  });

  it("videos: MP4, MOV and WebM with picture size and duration from moov/mvhd/tkhd and the EBML Info/Tracks", () => {
    expect(inspectMedia(video.mp4, { fileName: "clip.mp4", declaredType: "video/mp4" })).toMatchObject({ ok: true, format: "mp4", mime: "video/mp4", width: 64, height: 48, durationMs: 1000 });
    expect(inspectMedia(video.mov, { fileName: "IMG_0001.MOV", declaredType: "video/quicktime" })).toMatchObject({ ok: true, format: "mov", mime: "video/quicktime", width: 64, height: 48, durationMs: 1000 });
    expect(inspectMedia(video.webm, { fileName: "rec.webm", declaredType: "video/webm" })).toMatchObject({ ok: true, format: "webm", width: 64, height: 48, durationMs: 1000 });
    expect(inspectMedia(video.seed, { fileName: "tieup.mp4" })).toMatchObject({ ok: true, width: 360, height: 640, durationMs: 6000 });
  });

  it("keeps XMP metadata (<?xpacket …> and <x:xmpmeta>) inside an image", () => {
    const xmp = Buffer.from('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta><?xpacket end="w"?>', "latin1");
    const app1 = concat([0xff, 0xe1], [(xmp.length + 2) >> 8, (xmp.length + 2) & 0xff], xmp);
    const jpeg = concat(img.jpeg.subarray(0, 2), app1, img.jpeg.subarray(2));
    expect(inspectMedia(jpeg, { fileName: "x.jpg" })).toMatchObject({ ok: true, width: 320 });
  });
});

describe("inspectMedia: refused files", () => {
  it("empty, SVG, HTML and other markup (also behind a BOM or whitespace)", () => {
    expect(reason(inspectMedia(new Uint8Array(), { fileName: "a.png" }))).toBe("empty");
    expect(reason(inspectMedia(concat('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { fileName: "logo.svg" }))).toBe("markup");
    expect(reason(inspectMedia(concat('<?xml version="1.0"?><svg/>'), { fileName: "logo.png" }))).toBe("markup");
    expect(reason(inspectMedia(concat([0xef, 0xbb, 0xbf], "  \n<!DOCTYPE html><html>"), { fileName: "x.jpg" }))).toBe("markup");
    expect(reason(inspectMedia(concat([0xff, 0xfe], "<\0h\0"), { fileName: "x.jpg" }))).toBe("markup");
  });

  it("unknown types: BMP, PDF, ZIP, plain text, HEIC", () => {
    expect(reason(inspectMedia(concat("BM", new Array(60).fill(0)), { fileName: "a.bmp" }))).toBe("unknown_type");
    expect(reason(inspectMedia(concat("%PDF-1.7\n%âãÏÓ"), { fileName: "a.pdf" }))).toBe("unknown_type");
    expect(reason(inspectMedia(concat([0x50, 0x4b, 0x03, 0x04], new Array(30).fill(0)), { fileName: "a.zip" }))).toBe("unknown_type");
    expect(reason(inspectMedia(concat([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0], "mif1heic"), { fileName: "IMG.HEIC" }))).toBe("unknown_type");
  });

  it("the name's extension must match the bytes (a PNG called .jpg, a JPEG with no extension, an MP4 called .mov)", () => {
    expect(inspectMedia(img.png, { fileName: "photo.jpg" })).toEqual({ ok: false, reason: "extension_mismatch", format: "png" });
    expect(reason(inspectMedia(img.jpeg, { fileName: "photo" }))).toBe("extension_mismatch");
    expect(reason(inspectMedia(img.jpeg, { fileName: ".jpg" }))).toBe("extension_mismatch");
    expect(reason(inspectMedia(video.mp4, { fileName: "clip.mov" }))).toBe("extension_mismatch");
    expect(reason(inspectMedia(img.gif, { fileName: "anim.gif.exe" }))).toBe("extension_mismatch");
  });

  it("a declared type that disagrees with the bytes", () => {
    expect(reason(inspectMedia(img.png, { fileName: "a.png", declaredType: "image/jpeg" }))).toBe("declared_type_mismatch");
    expect(reason(inspectMedia(img.jpeg, { fileName: "a.jpg", declaredType: "text/html" }))).toBe("declared_type_mismatch");
    expect(reason(inspectMedia(img.jpeg, { fileName: "a.jpg", declaredType: "image/svg+xml" }))).toBe("declared_type_mismatch");
    expect(inspectMedia(img.jpeg, { fileName: "a.jpg", declaredType: "image/pjpeg" }).ok).toBe(true);
  });

  it("polyglots: a script in a JPEG comment, HTML after a PNG's IEND, a ZIP appended to a GIF (GIFAR), a PDF header inside, bytes after a WebP", () => {
    const com = Buffer.from("<script>alert(document.cookie)</script>", "latin1");
    const jpegWithScript = concat(img.jpeg.subarray(0, 2), [0xff, 0xfe, 0, com.length + 2], com, img.jpeg.subarray(2));
    expect(reason(inspectMedia(jpegWithScript, { fileName: "a.jpg" }))).toBe("polyglot");

    const jpegWithJsUrl = concat(img.jpeg, "JavaScript:alert(1)");
    expect(reason(inspectMedia(jpegWithJsUrl, { fileName: "a.jpg" }))).toBe("polyglot");

    expect(reason(inspectMedia(concat(img.png, "<html><body>hi</body></html>"), { fileName: "a.png" }))).toBe("polyglot");
    expect(reason(inspectMedia(concat(img.png, [0]), { fileName: "a.png" }))).toBe("polyglot");

    const zip = concat([0x50, 0x4b, 0x03, 0x04], new Array(26).fill(0), [0x50, 0x4b, 0x05, 0x06], new Array(18).fill(0));
    expect(reason(inspectMedia(concat(img.gif, zip), { fileName: "a.gif" }))).toBe("polyglot");
    expect(reason(inspectMedia(concat(img.jpeg, zip), { fileName: "a.jpg" }))).toBe("polyglot"); // JPEG tolerates trailing data, not a ZIP directory

    const pdfInJpeg = concat(img.jpeg.subarray(0, 2), [0xff, 0xfe, 0, 12], "%PDF-1.4 x", img.jpeg.subarray(2));
    expect(reason(inspectMedia(pdfInJpeg, { fileName: "a.jpg" }))).toBe("polyglot");

    expect(reason(inspectMedia(concat(img.webp, "EXTRA!"), { fileName: "a.webp" }))).toBe("polyglot");
    const script = Buffer.from("<script>x</script>", "latin1");
    const freeBox = concat([0, 0, 0, 8 + script.length], "free", script); // a well-formed box carrying markup
    expect(reason(inspectMedia(concat(video.mp4, freeBox), { fileName: "a.mp4" }))).toBe("polyglot");
    expect(inspectMedia(concat(video.mp4, "<script>x</script>"), { fileName: "a.mp4" }).ok).toBe(false); // garbage after the last box
  });

  it("truncated files", () => {
    expect(reason(inspectMedia(img.png.subarray(0, img.png.length - 12), { fileName: "a.png" }))).toBe("truncated");
    expect(reason(inspectMedia(img.png.subarray(0, 20), { fileName: "a.png" }))).toBe("truncated");
    expect(reason(inspectMedia(img.webp.subarray(0, 40), { fileName: "a.webp" }))).toBe("truncated");
    expect(reason(inspectMedia(img.gif.subarray(0, img.gif.length - 1), { fileName: "a.gif" }))).toBe("truncated");
    expect(reason(inspectMedia(video.mp4.subarray(0, 40), { fileName: "a.mp4" }))).toBe("truncated");
    expect(reason(inspectMedia(concat([0xff, 0xd8, 0xff, 0xe0, 0x00]), { fileName: "a.jpg" }))).toBe("truncated");
  });

  it("a JPEG with scan data before any frame header has no readable size", () => {
    expect(reason(inspectMedia(concat([0xff, 0xd8, 0xff, 0xda, 0, 2, 1, 2, 3, 0xff, 0xd9]), { fileName: "a.jpg" }))).toBe("dimensions_unreadable");
  });

  it("an audio-only MP4 (no picture) is not a video", () => {
    const tkhdAt = Buffer.from(video.mp4).indexOf("tkhd") - 4;
    const b = Buffer.from(video.mp4);
    const v = b[tkhdAt + 8]!;
    const wAt = tkhdAt + 8 + (v === 1 ? 88 : 76);
    b.fill(0, wAt, wAt + 8);
    expect(reason(inspectMedia(u8(b), { fileName: "a.mp4" }))).toBe("dimensions_unreadable");
  });
});

describe("inspectMedia: decompression bombs and limits, from the headers alone", () => {
  it("a tiny JPEG declaring 50,000 × 50,000 px is refused before any decoding", () => {
    // SOI, SOF0 (precision 8, height 50000, width 50000, 1 component), EOI — 20 bytes
    const bomb = concat([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0xc3, 0x50, 0xc3, 0x50, 1, 1, 0x11, 0, 0xff, 0xd9]);
    expect(inspectMedia(bomb, { fileName: "bomb.jpg" })).toEqual({ ok: false, reason: "too_many_pixels", format: "jpeg" });
  });

  it("a PNG whose IHDR says 20,000 × 20,000 (400 MP) with almost no data", () => {
    const b = Buffer.from(img.png);
    b.writeUInt32BE(20_000, 16);
    b.writeUInt32BE(20_000, 20);
    expect(reason(inspectMedia(u8(b), { fileName: "bomb.png" }))).toBe("too_many_pixels");
  });

  it("pixel limits: 40 MP and 10,000 px a side for images; 4096 px a side for video", () => {
    const png = (w: number, h: number) => {
      const b = Buffer.from(img.png);
      b.writeUInt32BE(w, 16);
      b.writeUInt32BE(h, 20);
      return u8(b);
    };
    expect(inspectMedia(png(8000, 5000), { fileName: "a.png" }).ok).toBe(true); // exactly 40 MP
    expect(reason(inspectMedia(png(8000, 5001), { fileName: "a.png" }))).toBe("too_many_pixels");
    expect(reason(inspectMedia(png(10_001, 100), { fileName: "a.png" }))).toBe("too_many_pixels");
    const wide = Buffer.from(video.mp4);
    const tkhdAt = wide.indexOf("tkhd") - 4;
    wide.writeUInt32BE(4097 * 65536, tkhdAt + 8 + (wide[tkhdAt + 8] === 1 ? 88 : 76));
    expect(reason(inspectMedia(u8(wide), { fileName: "a.mp4" }))).toBe("too_many_pixels");
  });

  it("size limits per kind: images 8 MiB, GIF 15 MiB, video 100 MiB", () => {
    expect(MEDIA_LIMITS.image.maxBytes).toBe(8 * 1024 * 1024);
    const big = new Uint8Array(MEDIA_LIMITS.image.maxBytes + 1);
    big.set(img.jpeg);
    expect(reason(inspectMedia(big, { fileName: "a.jpg" }))).toBe("too_large");
    const gif = new Uint8Array(MEDIA_LIMITS.image.maxBytes + 1);
    gif.set(img.gif); // a GIF of this size is allowed by size (then refused as trailing data, not as too large)
    expect(reason(inspectMedia(gif, { fileName: "a.gif" }))).not.toBe("too_large");
  });

  it("video duration over 60 minutes", () => {
    const b = Buffer.from(video.mp4);
    const mvhd = b.indexOf("mvhd") - 4;
    const timescale = b.readUInt32BE(mvhd + 20);
    b.writeUInt32BE(timescale * 3601, mvhd + 24);
    expect(reason(inspectMedia(u8(b), { fileName: "a.mp4" }))).toBe("too_long");
  });

  it("GIF frame count is bounded", () => {
    // header + LSD (1x1, no colour table) + 1001 minimal frames + trailer
    const frame = [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4c, 0x01, 0];
    const parts: number[] = [];
    for (let i = 0; i < 1001; i++) parts.push(...frame);
    const gif = concat("GIF89a", [1, 0, 1, 0, 0, 0, 0], parts, [0x3b]);
    expect(reason(inspectMedia(gif, { fileName: "a.gif" }))).toBe("too_many_frames");
    const ok = concat("GIF89a", [1, 0, 1, 0, 0, 0, 0], frame, frame, [0x3b]);
    expect(inspectMedia(ok, { fileName: "a.gif" })).toMatchObject({ ok: true, frames: 2 });
  });
});

describe("helpers", () => {
  it("extensionOf ignores folders and is case-insensitive", () => {
    expect(extensionOf("C:\\Users\\me\\写真.JPG")).toBe("jpg");
    expect(extensionOf("../../etc/passwd")).toBe("");
    expect(extensionOf("archive.tar.gz")).toBe("gz");
  });
  it("formatOfMime knows the aliases and nothing else", () => {
    expect(formatOfMime("image/jpg")).toBe("jpeg");
    expect(formatOfMime("video/quicktime; codecs=x")).toBe("mov");
    expect(formatOfMime("image/svg+xml")).toBeNull();
    expect(formatOfMime("")).toBeNull();
  });
  it("every format has one canonical extension among its accepted ones", () => {
    for (const f of Object.values(FORMAT_INFO)) expect(f.extensions).toContain(f.ext);
  });
});

describe("purity", () => {
  it.each(["media.ts", "media-rules.ts"])("%s imports only sibling domain modules, no Node API, and reads no clock", (file) => {
    const source = fs.readFileSync(`lib/domain/${file}`, "utf8");
    for (const m of source.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)) expect(m[1]).toMatch(/^\.\/[a-z-]+$/);
    expect(source).not.toMatch(/Date\.now|new Date\(\)|Math\.random|fetch\(|process\.env|Buffer\b/);
  });
});

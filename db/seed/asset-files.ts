/**
 * The demo's media files: images drawn here with sharp (a gradient in the brand's colour with a
 * few shapes, at the size the demo row states), videos copied from the small clips committed in
 * db/seed/assets/, each with its WebP thumbnail or poster, under the fixed generated names of
 * seedStorageKey. Then each asset row gets the real size, SHA-256, dimensions, duration and
 * thumbnail key of its file. Idempotent: existing files are kept, rows are only updated when they
 * differ. Runs on every `db:seed` (a demo database made before the files existed gets them too).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { assets } from "@/db/schema";
import { inspectMedia } from "@/lib/domain/media";
import { posterSvg, THUMB_MAX_SIDE } from "@/lib/assets/poster";
import { seedAssetSpecs } from "./workspaces";

const SEED_FILES = path.resolve(import.meta.dirname, "assets");

function rng(seed: number) {
  let x = seed * 2654435761;
  return () => {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    return x / 2 ** 32;
  };
}

function drawing(n: number, w: number, h: number, color: string): string {
  const r = rng(n + 7);
  const circles = Array.from({ length: 5 }, () => {
    const cx = Math.round(r() * w);
    const cy = Math.round(r() * h);
    const rad = Math.round((0.08 + r() * 0.22) * Math.min(w, h));
    return `<circle cx="${cx}" cy="${cy}" r="${rad}" fill="#ffffff" fill-opacity="${(0.08 + r() * 0.18).toFixed(2)}"/>`;
  }).join("");
  const pw = Math.round(w * 0.34);
  const ph = Math.round(h * 0.42);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="#fef3c7"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>${circles}
<rect x="${Math.round((w - pw) / 2)}" y="${Math.round(h * 0.32)}" width="${pw}" height="${ph}" rx="${Math.round(pw * 0.12)}" fill="#ffffff" fill-opacity="0.88"/>
<rect x="${Math.round((w - pw * 0.6) / 2)}" y="${Math.round(h * 0.32 + ph * 0.18)}" width="${Math.round(pw * 0.6)}" height="${Math.round(ph * 0.12)}" rx="8" fill="${color}" fill-opacity="0.8"/>
</svg>`;
}

export async function seedAssetFiles(db: Db, assetDir = process.env.ASSET_DIR || ".data/assets"): Promise<number> {
  const root = path.resolve(assetDir);
  let updated = 0;
  for (const a of seedAssetSpecs()) {
    const file = path.join(root, a.storageKey);
    const thumbKey = a.storageKey.replace(/\.[a-z0-9]+$/, ".thumb.webp");
    const thumbFile = path.join(root, thumbKey);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) {
      const bytes = a.file
        ? fs.readFileSync(path.join(SEED_FILES, a.file))
        : await sharp(Buffer.from(drawing(a.n, a.width, a.height, a.color)))
            [a.mime === "image/png" ? "png" : "jpeg"]({ quality: 82 })
            .toBuffer();
      fs.writeFileSync(file, bytes);
    }
    const bytes = new Uint8Array(fs.readFileSync(file));
    const info = inspectMedia(bytes, { fileName: a.storageKey });
    if (!info.ok) throw new Error(`seed asset ${a.id}: ${info.reason}`);
    if (!fs.existsSync(thumbFile)) {
      const thumb =
        info.kind === "video"
          ? await sharp(Buffer.from(posterSvg(info.width, info.height))).webp({ quality: 80 }).toBuffer()
          : await sharp(bytes).resize(THUMB_MAX_SIDE, THUMB_MAX_SIDE, { fit: "inside" }).webp({ quality: 78 }).toBuffer();
      fs.writeFileSync(thumbFile, thumb);
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const res = await db
      .update(assets)
      .set({
        storageKey: a.storageKey,
        thumbnailKey: thumbKey,
        mimeType: info.mime,
        sizeBytes: bytes.length,
        sha256,
        width: info.width,
        height: info.height,
        durationMs: info.durationMs,
      })
      .where(and(eq(assets.id, a.id), or(isNull(assets.sha256), sql`${assets.sha256} <> ${sha256}`, isNull(assets.thumbnailKey))))
      .returning({ id: assets.id });
    updated += res.length;
  }
  return updated;
}

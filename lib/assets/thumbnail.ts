import "server-only";
import sharp from "sharp";
import { MEDIA_LIMITS, type MediaInfo } from "@/lib/domain/media";
import { posterSvg, THUMB_MAX_SIDE } from "./poster";

/*
 * Thumbnails, made on the server with sharp (libvips) after lib/domain/media.ts has accepted the
 * file and its header-declared size: `limitInputPixels` repeats that guard inside the decoder, only
 * the first frame of an animation is decoded, and EXIF orientation is applied (the thumbnail keeps
 * no metadata). Videos get a poster placeholder in the video's aspect ratio: decoding a video frame
 * needs ffmpeg, which the portal does not ship.
 */

sharp.cache(false);
sharp.concurrency(1);

export class UndecodableImageError extends Error {}

export async function makeThumbnail(bytes: Uint8Array, info: Pick<MediaInfo, "kind" | "format" | "width" | "height">): Promise<Uint8Array> {
  if (info.kind === "video") return videoPoster(info.width, info.height);
  try {
    const out = await sharp(bytes, { limitInputPixels: MEDIA_LIMITS.image.maxPixels, animated: false, failOn: "error", sequentialRead: true })
      .rotate()
      .resize(THUMB_MAX_SIDE, THUMB_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
    return new Uint8Array(out);
  } catch (e) {
    throw new UndecodableImageError(e instanceof Error ? e.message : "undecodable");
  }
}

export async function videoPoster(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp(Buffer.from(posterSvg(width, height))).webp({ quality: 80 }).toBuffer());
}

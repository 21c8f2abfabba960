import "server-only";
import { Readable } from "node:stream";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { getAssetFile } from "@/lib/dal/assets";
import type { Viewer } from "@/lib/dal/viewer";
import { openFile } from "./storage";
import { parseRange } from "./range";

/**
 * Streams a stored asset file to an authorised viewer (the DAL checks asset.read). The type is the
 * one decided from the bytes at upload; the browser is told not to sniff, not to run anything in it
 * (a sandboxing CSP), and the file name it sees is generated (the uploader's name only as the
 * RFC 5987 `filename*` of a download). Private caching with an ETag, and single byte ranges (video seeking).
 */
export async function serveAsset(req: NextRequest, viewer: Viewer, id: string, variant: "original" | "thumbnail"): Promise<Response> {
  let f: Awaited<ReturnType<typeof getAssetFile>>;
  try {
    f = await getAssetFile(viewer, id, variant);
  } catch (e) {
    // A malformed id names nothing.
    if (e instanceof AppError && e.code === "VALIDATION") throw new AppError("NOT_FOUND");
    throw e;
  }
  return streamAssetFile(req, f, variant, viewer.requestId, "private");
}

/**
 * Streams a loaded asset file. `cache`: "private" behind a session; "public" for a signed media link
 * (a network's fetcher or CDN may keep it until the link expires).
 */
export async function streamAssetFile(
  req: NextRequest,
  f: Awaited<ReturnType<typeof getAssetFile>>,
  variant: "original" | "thumbnail",
  requestId: string,
  cache: "private" | "public",
): Promise<Response> {
  const download = variant === "original" && req.nextUrl.searchParams.get("download") === "1";
  const safeName = `asset-${f.id.slice(0, 8)}${variant === "thumbnail" ? "-thumb" : ""}.${f.ext}`;
  const headers = new Headers({
    "Content-Type": f.mimeType,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": download
      ? `attachment; filename="${safeName}"; filename*=UTF-8''${encodeURIComponent(f.originalName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
      : `inline; filename="${safeName}"`,
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
    "Cross-Origin-Resource-Policy": cache === "public" ? "cross-origin" : "same-origin",
    // Behind a session: only the browser may keep it; revalidated hourly, cheap with the ETag.
    "Cache-Control": cache === "public" ? "public, max-age=600" : "private, max-age=3600",
    Vary: "Cookie",
    ETag: f.etag,
    "Accept-Ranges": "bytes",
  });
  const inm = req.headers.get("if-none-match");
  if (inm && inm.split(",").some((t) => t.trim() === f.etag)) return new NextResponse(null, { status: 304, headers });

  const probe = await openFile(f.key, { start: 0, end: 0 });
  if (!probe) {
    console.error(`[request ${requestId}] asset ${f.id}: file ${f.key} is missing from ASSET_DIR`);
    throw new AppError("NOT_FOUND");
  }
  probe.stream.destroy();
  const size = probe.size;

  const range = parseRange(req.headers.get("range"), size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return new NextResponse(null, { status: 416, headers });
  }
  const opened = await openFile(f.key, range ?? (size > 0 ? { start: 0, end: size - 1 } : undefined));
  if (!opened) throw new AppError("NOT_FOUND");
  const body = Readable.toWeb(opened.stream) as ReadableStream<Uint8Array>;
  if (range) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
    return new NextResponse(body, { status: 206, headers });
  }
  headers.set("Content-Length", String(size));
  return new NextResponse(body, { status: 200, headers });
}

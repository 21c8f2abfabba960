// POST /api/assets/upload – one image or video (multipart "file") with its rights metadata, into the asset library
import { NextResponse } from "next/server";
import { withRoute } from "@/lib/auth/with-route";
import { AppError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/media";
import { uploadAsset } from "@/lib/dal/assets";

/**
 * The one route that takes large bodies: proxy.ts leaves it out of its matcher (its 1 MiB cap, and
 * the body copy Next makes for a proxy), so the limit is enforced here from Content-Length before
 * the body is read. Everything else — type, size per kind, pixels, metadata — is the DAL's check.
 */
const FORM_OVERHEAD = 64 * 1024;

const tooBig = () => NextResponse.json({ error: { code: "VALIDATION", message: "too_large" } }, { status: 413 });

export const POST = withRoute({
  permission: "asset.upload",
  handler: async (req, { viewer }) => {
    if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
      throw new AppError("VALIDATION", "multipart_required", { file: ["multipart_required"] });
    }
    const length = req.headers.get("content-length");
    if (length === null || !/^\d+$/.test(length)) {
      return NextResponse.json({ error: { code: "VALIDATION", message: "length_required" } }, { status: 411 });
    }
    if (Number(length) > MAX_UPLOAD_BYTES + FORM_OVERHEAD) return tooBig();
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new AppError("VALIDATION", "malformed_form", { file: ["malformed_form"] });
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("VALIDATION", "file_required", { file: ["file_required"] });
    const text = (k: string) => {
      const v = form.get(k);
      return typeof v === "string" ? v : undefined;
    };
    const asset = await uploadAsset(viewer!, {
      brandId: text("brandId") ?? "",
      source: (text("source") ?? "") as "own",
      licence: text("licence") ?? null,
      licenceExpiresOn: text("licenceExpiresOn") ?? null,
      hasLikeness: ["on", "true", "1"].includes(text("hasLikeness") ?? ""),
      file: { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
    });
    return NextResponse.json({ asset: { id: asset.id, kind: asset.kind, thumbnailUrl: asset.thumbnailUrl } }, { status: 201 });
  },
});

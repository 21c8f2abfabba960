import "server-only";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/dal/viewer";
import { postEvidence, recordEvidenceExport, replyEvidence } from "@/lib/dal/evidence";
import { evidenceFilename, renderEvidenceCsv, renderEvidencePdf } from "./render";

/** "<uuid>.pdf" | "<uuid>.csv" → parts; anything else is NOT_FOUND (a URL that names nothing). */
export function parseEvidenceFile(file: string): { id: string; format: "pdf" | "csv" } {
  const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(pdf|csv)$/i.exec(file ?? "");
  if (!m) throw new AppError("NOT_FOUND");
  return { id: m[1]!.toLowerCase(), format: m[2]!.toLowerCase() as "pdf" | "csv" };
}

/** Builds, renders and records one download of an evidence pack. */
export async function evidenceResponse(viewer: Viewer, kind: "post" | "reply", file: string, requestId: string): Promise<Response> {
  const { id, format } = parseEvidenceFile(file);
  const pack = kind === "post" ? await postEvidence(viewer, id) : await replyEvidence(viewer, id);
  const body = format === "pdf" ? new Uint8Array(await renderEvidencePdf(pack)) : new TextEncoder().encode(renderEvidenceCsv(pack));
  await recordEvidenceExport(viewer, pack, format);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": format === "pdf" ? "application/pdf" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${evidenceFilename(pack, format)}"`,
      "Content-Length": String(body.byteLength),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "x-request-id": requestId,
    },
  });
}

import "server-only";
import PDFDocument from "pdfkit";
import ja from "@/messages/ja/legalHolds.json";
import en from "@/messages/en/legalHolds.json";
import type { EvidencePack } from "@/lib/dal/evidence";
import { CSV_BOM, csvRow } from "@/lib/dal/admin-csv";
import { evidenceFont } from "./font";

/*
 * Renders an evidence pack (lib/dal/evidence.ts) as a PDF readable outside the portal — bilingual
 * headings (Japanese first), the Japanese font embedded — and as a CSV of its audit events
 * (UTF-8 with BOM, formula-injection safe via csvCell).
 */

type Msgs = typeof ja.pdf;
const PDF: { ja: Msgs; en: Msgs } = { ja: ja.pdf, en: en.pdf };

function fmt(template: string, values: Record<string, string | number | null | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k];
    return v === null || v === undefined || v === "" ? "—" : String(v);
  });
}

const JST = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export function jst(d: Date | null | undefined): string {
  if (!d) return "—";
  return `${JST.format(d)} JST`;
}

/** "改訂履歴 / Revisions": both languages, so a reader of either can follow. */
function both(key: keyof Msgs, values?: Record<string, string | number | null | undefined>): string {
  const a = fmt(PDF.ja[key], values);
  const b = fmt(PDF.en[key], values);
  return a === b ? a : `${a} / ${b}`;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export async function renderEvidencePdf(pack: EvidencePack): Promise<Buffer> {
  const font = evidenceFont();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    // No built-in Helvetica: every glyph comes from the embedded Japanese font.
    font: null as unknown as string,
    info: {
      Title: `${PDF.ja.title} — ${pack.title}`,
      Subject: `${pack.kind} ${pack.id}`,
      Author: pack.generatedBy,
      Creator: "SNS governance portal",
      CreationDate: pack.generatedAt,
    },
  });
  doc.registerFont("jp", font.data, font.family);
  doc.font("jp");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const h1 = (s: string) => doc.fontSize(18).fillColor("#111").text(s, { width });
  const h2 = (s: string) => {
    doc.moveDown(0.8);
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.fontSize(13).fillColor("#0b3b66").text(s, doc.page.margins.left, undefined, { width });
    doc.moveTo(doc.page.margins.left, doc.y + 2).lineTo(doc.page.margins.left + width, doc.y + 2).lineWidth(0.5).strokeColor("#0b3b66").stroke();
    doc.moveDown(0.4);
  };
  const p = (s: string, o: { size?: number; color?: string; indent?: number } = {}) =>
    doc.fontSize(o.size ?? 9.5).fillColor(o.color ?? "#111").text(s, doc.page.margins.left + (o.indent ?? 0), undefined, { width: width - (o.indent ?? 0) });
  const quote = (s: string) => {
    doc.fontSize(10).fillColor("#222").text(s.length ? s : "—", doc.page.margins.left + 14, undefined, { width: width - 14 });
    doc.moveDown(0.2);
  };
  const none = () => p(both("none"), { color: "#666" });

  h1(`${PDF.ja.title} / ${PDF.en.title}`);
  doc.moveDown(0.2);
  doc.fontSize(12).fillColor("#333").text(`${both(pack.kind === "post" ? "subtitlePost" : "subtitleReply")}: ${pack.title}`, { width });
  doc.moveDown(0.4);
  p(`${both("generated")}: ${jst(pack.generatedAt)} (${pack.generatedAt.toISOString()})`);
  p(`${both("generatedBy")}: ${pack.generatedBy}`);
  p(fmt(PDF.ja.timeZone), { color: "#555" });
  p(fmt(PDF.en.timeZone), { color: "#555" });

  h2(both("summary"));
  for (const row of pack.summary) p(`${row.label}: ${row.value}`);

  h2(both("revisions"));
  if (pack.revisions.length === 0) none();
  for (const r of pack.revisions) {
    doc.moveDown(0.3);
    doc.fontSize(11).fillColor("#111").text(both("revision", { number: r.number }), doc.page.margins.left, undefined, { width });
    p(both("createdBy", { name: r.createdByName, at: jst(r.createdAt) }), { color: "#444" });
    if (r.contentHash) p(`${both("contentHash")}: ${r.contentHash}`, { size: 8, color: "#444" });
    if (r.isCommercial) p(both("commercial"), { color: "#8a4b00" });
    for (const v of r.variants) {
      p(`[${v.platform}] ${v.channel}`, { size: 9, color: "#0b3b66" });
      quote(v.text);
    }
    if (pack.kind === "post") {
      p(`${both("checks")}: ${both("riskScore")} ${r.checks.riskScore}${r.checks.legalReasons.length ? ` · ${both("legalReasons")}: ${r.checks.legalReasons.join(", ")}` : ""}`, { size: 9 });
      if (r.checks.findings.length === 0) p(both("checksNone"), { size: 9, color: "#555", indent: 14 });
      for (const f of r.checks.findings) p(`${f.severity} · ${f.code} (${f.platform})`, { size: 9, indent: 14 });
    }
  }

  h2(both("decisions"));
  if (pack.decisions.length === 0) none();
  for (const d of pack.decisions) {
    p(`${fmt(PDF.ja.decisionLine, { stage: d.stage, decision: d.decision, reviewer: d.reviewerName, at: jst(d.at), revision: d.revisionNumber })}${d.voidedAt ? ` ${PDF.ja.voided}` : ""}`);
    if (d.reason) p(`${both("reason")}: ${d.reason}`, { indent: 14, color: "#333" });
  }

  h2(both("legalReviews"));
  if (pack.legalReviews.length === 0) none();
  for (const r of pack.legalReviews) {
    p(fmt(PDF.ja.legalReviewLine, { title: r.title, state: r.state, decider: r.decidedByName, at: jst(r.decidedAt ?? r.createdAt) }));
    if (r.decisionReason) p(`${both("reason")}: ${r.decisionReason}`, { indent: 14 });
    const findings = Array.isArray(r.findings) ? (r.findings as { severity?: string; note?: string; code?: string }[]) : [];
    for (const f of findings) p(`${both("findings")}: ${[f.severity, f.code, f.note].filter(Boolean).join(" · ")}`, { indent: 14, size: 9 });
  }

  h2(both("publications"));
  if (pack.publications.length === 0) none();
  for (const x of pack.publications) {
    p(fmt(PDF.ja.publicationLine, { channel: x.channel, state: x.state ?? x.targetState, at: jst(x.publishedAt) }));
    if (x.url || x.externalId) p([x.externalId, x.url].filter(Boolean).join(" · "), { indent: 14, size: 8.5, color: "#444" });
  }

  if (pack.kind === "post") {
    h2(both("corrections"));
    if (pack.corrections.length === 0) none();
    for (const c of pack.corrections) p(fmt(PDF.ja.correctionLine, { kind: c.kind, action: c.originalAction, publishAs: c.publishAs, by: c.createdByName, at: jst(c.createdAt) }));
  }

  h2(both("holds"));
  if (pack.holds.length === 0) none();
  for (const h of pack.holds) {
    p(fmt(PDF.ja.holdLine, { kind: h.subjectKind, ref: h.subjectRef, reason: h.reason, by: h.placedByName, at: jst(h.placedAt) }));
    if (h.releasedAt) p(fmt(PDF.ja.holdReleased, { by: h.releasedByName, at: jst(h.releasedAt), reason: h.releaseReason }), { indent: 14 });
  }

  if (pack.kind === "reply") {
    h2(both("thread"));
    if (pack.thread.length === 0) none();
    for (const m of pack.thread) {
      p(`${jst(m.at)} · ${m.author}`, { size: 9, color: m.isOurs ? "#0b3b66" : "#444" });
      quote(m.text);
    }
  }

  h2(both("events"));
  p(pack.chain.allHashesOk ? both("chainOk", { count: pack.chain.count }) : both("chainBad"), { color: pack.chain.allHashesOk ? "#11602a" : "#a00" });
  doc.moveDown(0.3);
  for (const e of pack.events) {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.fontSize(9.5).fillColor("#111").text(`#${e.id}  ${jst(e.at)}  ${e.action}  — ${e.actorLabel}`, doc.page.margins.left, undefined, { width });
    const data = JSON.stringify(e.data);
    if (data !== "{}") p(clip(data, 900), { size: 8, color: "#333", indent: 14 });
    p(`prev ${e.prevHash}`, { size: 7, color: "#666", indent: 14 });
    p(`hash ${e.hash}  ${e.hashOk ? both("eventVerified") : both("eventBroken")}`, { size: 7, color: e.hashOk ? "#666" : "#a00", indent: 14 });
    doc.moveDown(0.25);
  }

  h2(both("verifyTitle"));
  p(PDF.ja.verify, { size: 8.5 });
  doc.moveDown(0.3);
  p(PDF.en.verify, { size: 8.5 });

  // Page numbers on every page (pages are buffered until now).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor("#777")
      .text(`${fmt(PDF.ja.page, { page: i + 1, pages: range.count })} · ${pack.kind} ${pack.id}`, doc.page.margins.left, doc.page.height - 36, { width, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export const EVIDENCE_CSV_COLUMNS = [
  "event_id",
  "at_utc",
  "at_jst",
  "actor_id",
  "actor",
  "action",
  "subject_type",
  "subject_id",
  "data",
  "request_id",
  "prev_hash",
  "hash",
  "hash_ok",
] as const;

/** The pack's audit events, one row each, in chain order. */
export function renderEvidenceCsv(pack: EvidencePack): string {
  let out = CSV_BOM + csvRow(EVIDENCE_CSV_COLUMNS);
  for (const e of pack.events) {
    out += csvRow([e.id, e.at.toISOString(), jst(e.at), e.actorId, e.actorLabel, e.action, e.subjectType, e.subjectId, e.data, e.requestId, e.prevHash, e.hash, e.hashOk ? "true" : "false"]);
  }
  return out;
}

export function evidenceFilename(pack: Pick<EvidencePack, "kind" | "id" | "generatedAt">, ext: "pdf" | "csv"): string {
  const day = jst(pack.generatedAt).slice(0, 10).replaceAll("/", "");
  return `evidence-${pack.kind}-${pack.id.slice(0, 8)}-${day}.${ext}`;
}

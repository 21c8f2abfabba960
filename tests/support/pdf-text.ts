/**
 * A small PDF text extractor for tests (no dependency): inflates the Flate streams, reads the
 * embedded fonts' ToUnicode CMaps (bfchar/bfrange), and decodes the hex glyph strings of Tj/TJ
 * operators the way a PDF reader would. Enough for PDFs written by pdfkit with embedded fonts.
 */
import { inflateSync } from "node:zlib";

function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const bin = pdf.toString("latin1");
  const re = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(bin))) {
    const start = m.index + m[0].length;
    const lenMatch = /\/Length (\d+)/.exec(m[1]!);
    const end = lenMatch ? start + Number(lenMatch[1]) : bin.indexOf("endstream", start);
    const raw = pdf.subarray(start, end);
    let body: Buffer = raw;
    if (/\/FlateDecode/.test(m[1]!)) {
      try {
        body = inflateSync(raw);
      } catch {
        continue;
      }
    }
    out.push(body.toString("latin1"));
  }
  return out;
}

function hexToCodes(hex: string, width: number): number[] {
  const clean = hex.replace(/\s+/g, "");
  const codes: number[] = [];
  for (let i = 0; i + width * 2 <= clean.length; i += width * 2) codes.push(parseInt(clean.slice(i, i + width * 2), 16));
  return codes;
}

function utf16Hex(hex: string): string {
  const bytes = Buffer.from(hex.replace(/\s+/g, ""), "hex");
  let s = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return s;
}

/** All text drawn in the PDF, one string per text-showing operator, joined with newlines. */
export function pdfText(pdf: Buffer): string {
  const all = streams(pdf);
  const map = new Map<number, string>();
  for (const s of all) {
    if (!s.includes("begincmap")) continue;
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const e of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(e[1]!, 16), utf16Hex(e[2]!));
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const e of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
        const lo = parseInt(e[1]!, 16);
        const hi = parseInt(e[2]!, 16);
        if (e[3]!.startsWith("[")) {
          [...e[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((d, i) => map.set(lo + i, utf16Hex(d[1]!)));
        } else {
          const base = utf16Hex(e[3]!.slice(1, -1));
          for (let c = lo; c <= hi; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - lo)));
        }
      }
    }
  }
  const lines: string[] = [];
  for (const s of all) {
    if (!/\bT[Jj]\b/.test(s)) continue;
    for (const op of s.matchAll(/(\[(?:[^\]]*)\]\s*TJ|<[0-9a-fA-F\s]*>\s*Tj)/g)) {
      let line = "";
      for (const h of op[1]!.matchAll(/<([0-9a-fA-F\s]*)>/g)) for (const code of hexToCodes(h[1]!, 2)) line += map.get(code) ?? "";
      lines.push(line);
    }
  }
  return lines.join("\n");
}

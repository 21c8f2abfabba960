import "server-only";
import fs from "node:fs";
import path from "node:path";

/*
 * The Japanese font embedded in evidence PDFs (a subset of it: only the glyphs used), so a pack
 * reads the same on any machine, with or without Japanese fonts installed.
 *
 * Looked for in this order:
 *   1. EVIDENCE_PDF_FONT (a .ttf/.otf path; or "path.ttc#PostScriptName" for a collection)
 *   2. Noto Sans JP from the npm package @expo-google-fonts/noto-sans-jp (a dependency of the
 *      portal, so present after `npm ci` on any machine; TrueType outlines subset small and fast)
 *   3. Noto Sans CJK JP from the system (Debian fonts-noto-cjk, installed by .ci/run)
 * If none is found the PDF cannot be made and the route answers 500 with a logged reason.
 */

export type EvidenceFont = { source: string; data: Buffer; family?: string };

const SYSTEM_CANDIDATES: { file: string; family: string }[] = [
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKjp-Regular" },
  { file: "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", family: "NotoSansCJKjp-Regular" },
  { file: "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", family: "NotoSansCJKjp-Regular" },
];

const PACKAGE_FONT = path.join("node_modules", "@expo-google-fonts", "noto-sans-jp", "400Regular", "NotoSansJP_400Regular.ttf");

let cached: EvidenceFont | null = null;

function readIf(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

/** The font to embed (cached for the life of the process). Throws when none is available. */
export function evidenceFont(): EvidenceFont {
  if (cached) return cached;
  const fromEnv = process.env.EVIDENCE_PDF_FONT;
  if (fromEnv) {
    const [file, family] = fromEnv.split("#");
    const data = readIf(file!);
    if (data) return (cached = { source: file!, data, family: family || undefined });
  }
  // The package font, from the app's root (the server runs there) or next to this file's package.
  for (const root of [process.cwd(), path.resolve(process.cwd(), "..")]) {
    const file = path.join(root, PACKAGE_FONT);
    const data = readIf(file);
    if (data) return (cached = { source: file, data });
  }
  for (const c of SYSTEM_CANDIDATES) {
    const data = readIf(c.file);
    if (data) return (cached = { source: c.file, data, family: c.family });
  }
  throw new Error(`evidence PDF: no Japanese font found (set EVIDENCE_PDF_FONT, or install @expo-google-fonts/noto-sans-jp / fonts-noto-cjk)`);
}

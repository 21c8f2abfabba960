import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { NAMESPACES } from "@/lib/i18n/messages";

function keys(obj: unknown, prefix = ""): string[] {
  if (obj === null || typeof obj !== "object") return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const load = (locale: string, ns: string) => JSON.parse(fs.readFileSync(path.resolve("messages", locale, `${ns}.json`), "utf8"));

describe("messages", () => {
  for (const ns of NAMESPACES) {
    it(`${ns}: Japanese and English have the same keys`, () => {
      expect(keys(load("en", ns)).sort()).toEqual(keys(load("ja", ns)).sort());
    });
  }
  it("every namespace file is registered", () => {
    const files = fs.readdirSync(path.resolve("messages", "ja")).map((f) => f.replace(/\.json$/, ""));
    expect(files.sort()).toEqual([...NAMESPACES].sort());
  });
});

/**
 * Every static message key the crisis room and the corrections pages ask for exists in Japanese
 * and English, and the dynamic ones (kinds, scopes, choices, error codes) cover their source lists.
 */
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { CORRECTION_KINDS, FILLED_BY_PERSON, ORIGINAL_ACTIONS, PUBLISH_AS } from "@/lib/domain/correction-templates";
import { CRISIS_ERRORS, CRISIS_SCOPES, HELD_CHOICES } from "@/lib/dal/crisis-mode";
import { CORRECTION_ERRORS } from "@/lib/dal/corrections";
import { POST_KINDS } from "@/lib/domain/workflow";

const root = path.resolve(import.meta.dirname, "../..");
const NAMESPACES = ["crisis", "corrections", "common", "nav", "notifications", "legalHolds"];
const load = (locale: string) => Object.fromEntries(NAMESPACES.map((ns) => [ns, JSON.parse(fs.readFileSync(path.join(root, "messages", locale, `${ns}.json`), "utf8"))]));
const MESSAGES = { ja: load("ja"), en: load("en") } as Record<"ja" | "en", Record<string, unknown>>;

function lookup(messages: Record<string, unknown>, key: string): unknown {
  return key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), messages);
}
function leaves(o: unknown, prefix = ""): string[] {
  if (!o || typeof o !== "object") return [prefix];
  return Object.entries(o).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}
/** `const t = useTranslations("crisis.held")` … `t("title")` → "crisis.held.title". */
function staticKeys(file: string): string[] {
  const src = fs.readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of src.matchAll(/const (\w+) = (?:await )?(?:useTranslations|getTranslations)\(`?"?([^"`)]+)"?`?\)/g)) {
    const [, v, ns] = m;
    if (ns!.includes("$")) continue;
    for (const k of src.matchAll(new RegExp(`\\b${v}\\("([^"]+)"`, "g"))) out.push(`${ns}.${k[1]}`);
  }
  return out;
}

const files = ["app/(portal)/crisis", "app/(portal)/corrections", "components/crisis", "components/corrections"].flatMap((d) => sourceFiles(path.join(root, d)));
const keys = [...new Set(files.flatMap(staticKeys))].sort();

describe("crisis and corrections messages", () => {
  it("ja and en have the same keys", () => {
    for (const ns of ["crisis", "corrections"]) expect(leaves(MESSAGES.ja[ns]).sort()).toEqual(leaves(MESSAGES.en[ns]).sort());
  });

  it("the pages use message keys at all (sanity)", () => {
    expect(keys.length).toBeGreaterThan(60);
  });

  for (const locale of ["ja", "en"] as const) {
    it(`every static key exists as text in ${locale}`, () => {
      expect(keys.filter((k) => typeof lookup(MESSAGES[locale], k) !== "string")).toEqual([]);
    });

    it(`every dynamic key exists in ${locale}`, () => {
      const m = MESSAGES[locale];
      const want = [
        ...CRISIS_SCOPES.map((s) => `crisis.scope.${s}`),
        ...HELD_CHOICES.map((c) => `crisis.held.done.${c}`),
        ...Object.values(CRISIS_ERRORS).map((e) => `crisis.errors.${e}`),
        ...Object.values(CORRECTION_ERRORS).map((e) => `corrections.errors.${e}`),
        ...CORRECTION_KINDS.flatMap((k) => [`corrections.start.kinds.${k}`, `corrections.start.kindHints.${k}`]),
        ...CORRECTION_KINDS.flatMap((k) => FILLED_BY_PERSON[k].map((v) => `corrections.start.vars.${v}`)),
        ...PUBLISH_AS.map((p) => `corrections.original.publishAs.${p}`),
        ...ORIGINAL_ACTIONS.map((a) => `corrections.original.originalAction.${a}`),
        ...["approved", "changes_requested", "rejected"].map((d) => `corrections.detail.decisions.${d}`),
        ...POST_KINDS.map((k) => `common.postKinds.${k}`),
        "common.fastLane",
        "common.fastLaneHint",
        "common.fastLaneDetails",
        "common.crisisBannerLink",
        "nav.items.crisis",
        "nav.items.corrections",
      ];
      expect(want.filter((k) => typeof lookup(m, k) !== "string")).toEqual([]);
    });
  }
});

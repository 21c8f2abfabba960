/**
 * Every static message key the admin UI asks for exists in both Japanese and English, and the
 * two files have the same shape. (Keys built at runtime — role names, action names, reasons — are
 * checked against their source lists below.)
 */
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { ROLES } from "@/lib/auth/permissions";
import { ADMIN_ERRORS } from "@/lib/dal/admin-errors";
import { createTranslator } from "next-intl";

const root = path.resolve(import.meta.dirname, "../..");
const load = (locale: string) => {
  const out: Record<string, unknown> = {};
  // The admin pages also use "notifications" (/admin/notifications keeps its texts with the rest of notifications).
  // …and "rules" (/admin/lexicon shares its texts with /manager/brand-rules).
  for (const ns of ["admin", "common", "notifications", "rules"]) out[ns] = JSON.parse(fs.readFileSync(path.join(root, "messages", locale, `${ns}.json`), "utf8"));
  return out;
};
const MESSAGES = { ja: load("ja"), en: load("en") };

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

/** `const t = useTranslations("admin.users")` … `t("title")` → "admin.users.title". */
function staticKeys(file: string): string[] {
  const src = fs.readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of src.matchAll(/const (\w+) = (?:await )?(?:useTranslations|getTranslations)\("([^"]+)"\)/g)) {
    const [, v, ns] = m;
    for (const k of src.matchAll(new RegExp(`\\b${v}\\("([^"]+)"`, "g"))) out.push(`${ns}.${k[1]}`);
  }
  return out;
}

describe("admin messages", () => {
  it("ja and en have the same keys", () => {
    expect(leaves(MESSAGES.ja.admin).sort()).toEqual(leaves(MESSAGES.en.admin).sort());
  });

  const files = [...sourceFiles(path.join(root, "app/(portal)/admin"))];
  const keys = [...new Set(files.flatMap(staticKeys))].sort();

  it("the admin UI uses message keys at all (sanity)", () => {
    expect(keys.length).toBeGreaterThan(80);
  });

  for (const locale of ["ja", "en"] as const) {
    it(`every static key exists as text in ${locale}`, () => {
      const missing = keys.filter((k) => typeof lookup(MESSAGES[locale], k) !== "string");
      expect(missing).toEqual([]);
    });

    it(`dynamic keys resolve in ${locale}`, () => {
      const m = MESSAGES[locale];
      for (const r of ROLES) expect(typeof lookup(m, `common.roleNames.${r}`)).toBe("string");
      for (const k of Object.keys(ADMIN_ERRORS)) expect(typeof lookup(m, `admin.errors.${k}`)).toBe("string");
      for (const k of ["hash_mismatch", "prev_hash_mismatch"]) expect(typeof lookup(m, `admin.verify.reasons.${k}`)).toBe("string");
      for (const k of ["idp", "manual"]) expect(typeof lookup(m, `admin.users.source.${k}`)).toBe("string");
      for (const a of ["user.role_granted", "user.role_revoked", "user.deactivated", "user.reactivated", "idp_mapping.created", "idp_mapping.deleted", "audit.exported", "audit.verified", "auth.sign_in", "auth.sign_out"]) {
        expect(typeof lookup(m, `admin.audit.actionNames.${a}`)).toBe("string");
      }
      for (const code of ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "VALIDATION", "RATE_LIMITED", "INTERNAL"]) {
        expect(typeof lookup(m, `common.errors.${code}`)).toBe("string");
      }
    });
  }

  for (const locale of ["ja", "en"] as const) {
    it(`every admin message is valid ICU and formats in ${locale}`, () => {
      const errors: string[] = [];
      const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "admin", onError: (e) => errors.push(e.message), timeZone: "Asia/Tokyo" });
      const args = { name: "佐藤", email: "a@b", role: "PR", group: "g", count: 2, total: 3, from: 1, to: 2, active: 1, deactivated: 0, date: "2025", id: 5, checked: 4, reason: "r", time: "t", timeZone: "Asia/Tokyo" };
      for (const key of leaves(MESSAGES[locale].admin)) {
        const out = (t as unknown as (k: string, a: object) => string)(key, args);
        expect(out, key).not.toMatch(/[{}]/);
      }
      expect(errors).toEqual([]);
    });
  }
});

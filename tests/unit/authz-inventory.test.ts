/**
 * Lists every route handler method and every exported Server Action in app/ and checks each
 * is in the checked-in authorization matrix, wrapped by withRoute/defineAction with the
 * permission the matrix states. e2e/authz-matrix.spec.ts then exercises the matrix over HTTP.
 */
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { CALLERS, ENTRY_POINTS } from "@/tests/authz/matrix";
import { PERMISSIONS, ROLE_PERMISSIONS } from "@/lib/auth/permissions";

const APP = path.resolve("app");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}
const rel = (p: string) => path.relative(process.cwd(), p).split(path.sep).join("/");
const files = walk(APP).filter((f) => /\.(ts|tsx)$/.test(f));

type Found = { id: string; permission: string | null; file: string };

function routeUrl(file: string): string {
  const parts = rel(file)
    .replace(/^app\//, "")
    .replace(/\/route\.tsx?$/, "")
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s));
  return `/${parts.join("/")}`;
}

function discover(): Found[] {
  const found: Found[] = [];
  for (const f of files) {
    const src = fs.readFileSync(f, "utf8");
    if (/\/route\.tsx?$/.test(f)) {
      for (const m of METHODS) {
        const re = new RegExp(`export\\s+(?:const|async\\s+function|function)\\s+${m}\\b([\\s\\S]{0,200})`);
        const hit = src.match(re);
        if (!hit) continue;
        const perm = hit[1]!.match(/withRoute\(\{\s*permission:\s*"([^"]+)"/)?.[1] ?? null;
        found.push({ id: `route ${m} ${routeUrl(f)}`, permission: perm, file: rel(f) });
      }
    }
    if (/^\s*["']use server["']/.test(src)) {
      for (const m of src.matchAll(/export\s+(?:const|async\s+function|function)\s+(\w+)([\s\S]{0,120})/g)) {
        const perm = m[2]!.match(/defineAction\(\{\s*permission:\s*"([^"]+)"/)?.[1] ?? null;
        found.push({ id: `action ${rel(f)}#${m[1]}`, permission: perm, file: rel(f) });
      }
    }
  }
  return found;
}

describe("authorization inventory", () => {
  const found = discover();

  it("finds the entry points (sanity)", () => {
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  for (const f of found) {
    it(`${f.id} is wrapped and listed in the matrix with the same permission`, () => {
      expect(f.permission, `${f.id} must be built with withRoute/defineAction and a literal permission`).not.toBeNull();
      const entry = ENTRY_POINTS.find((e) => e.id === f.id);
      expect(entry, `${f.id} is missing from tests/authz/matrix.ts`).toBeDefined();
      expect(entry!.permission).toBe(f.permission);
    });
  }

  it("lists no entry point that no longer exists", () => {
    const ids = new Set(found.map((f) => f.id));
    expect(ENTRY_POINTS.map((e) => e.id).filter((id) => !ids.has(id))).toEqual([]);
  });

  it("every matrix row has one valid outcome per caller, consistent with its permission", () => {
    const roleCallers = ["social_media_manager", "community_manager", "content_creator", "pr", "legal", "data_analyst", "ad_ops", "admin"] as const;
    for (const e of ENTRY_POINTS) {
      expect(e.outcomes, e.id).toMatch(new RegExp(`^[AFUP]{${CALLERS.length}}$`));
      if (e.permission === "public") expect(e.outcomes, e.id).toBe("P".repeat(CALLERS.length));
      else {
        expect(e.outcomes.at(-1), `${e.id}: anonymous`).toBe("U");
        if (e.permission !== "signed-in") {
          expect((PERMISSIONS as readonly string[]).includes(e.permission), e.id).toBe(true);
          roleCallers.forEach((r, i) => {
            const has = (ROLE_PERMISSIONS[r] as readonly string[]).includes(e.permission);
            expect(e.outcomes[i], `${e.id}: ${r}`).toBe(has ? "A" : "F");
          });
        }
      }
    }
  });
});

/** `npm run audit:verify` (scripts/audit-verify.ts) against this file's database: exit 0 when intact, 1 with the broken id. */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { recordAudit } from "@/lib/dal/audit";

const root = path.resolve(import.meta.dirname, "../..");

function runCli() {
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/audit-verify.ts"], {
    cwd: root,
    env: { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH}` },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

describe("audit:verify CLI", () => {
  it("prints one line and exits 0 on an intact chain, 1 with the first broken id after tampering", async () => {
    const db = getDb();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await db.transaction((tx) => recordAudit(tx, { actor: { id: null, label: "cli" }, action: "test.cli", subjectType: "test", data: { i, 名前: "監査" } }))).id);
    }
    const ok = runCli();
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^audit chain OK: 3 events verified \(last id \d+\)$/);

    await db.execute(sql`alter table audit_events disable trigger user`);
    try {
      await db.execute(sql`update audit_events set data = '{"i":99}' where id = ${ids[1]!}`);
    } finally {
      await db.execute(sql`alter table audit_events enable trigger user`);
    }
    const broken = runCli();
    expect(broken.code).toBe(1);
    expect(broken.out.split("\n")).toHaveLength(1);
    expect(broken.out).toMatch(new RegExp(`^audit chain BROKEN at id ${ids[1]}: hash_mismatch`));
  });

  it("exits 2 when it cannot reach the database", () => {
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/audit-verify.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "postgres://nobody:x@127.0.0.1:1/none", PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH}` },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/failed to run/);
  });
});

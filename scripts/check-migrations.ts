/**
 * npm run db:check — fails when db/schema and the committed migrations disagree, i.e. when
 * `drizzle-kit generate` would write a new migration. Works on a copy; changes nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = process.cwd();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
const out = path.join(tmp, "migrations");
fs.cpSync(path.join(root, "db", "migrations"), out, { recursive: true });
const config = path.join(root, `.drizzle-check-${process.pid}.config.ts`);
fs.writeFileSync(
  config,
  `import { defineConfig } from "drizzle-kit";\nexport default defineConfig({ dialect: "postgresql", schema: "./db/schema/index.ts", out: ${JSON.stringify(out)}, strict: true });\n`,
);
try {
  const before = new Set(fs.readdirSync(out));
  const r = spawnSync(path.join(root, "node_modules", ".bin", "drizzle-kit"), ["generate", "--config", config], { encoding: "utf8" });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error("drizzle-kit generate failed");
  }
  const added = fs.readdirSync(out).filter((f) => !before.has(f));
  if (added.length) {
    console.error(`✘ schema drift: db/schema has changes with no migration. Run \`npm run db:generate\` and commit:\n${added.map((f) => fs.readFileSync(path.join(out, f), "utf8")).join("\n")}`);
    process.exitCode = 1;
  } else {
    console.log("✔ schema and migrations agree");
  }
} finally {
  fs.rmSync(config, { force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
}

/**
 * npm run audit:verify — walks the audit hash chain on DATABASE_URL and prints one line.
 * Exit 0 when intact, 1 when broken, 2 when it could not run. Read-only: records nothing.
 */
import { closeDb, getDb } from "@/db";
import { verifyChain } from "@/lib/dal/audit-chain";

async function main(): Promise<number> {
  const report = await verifyChain(getDb());
  if (report.ok) {
    console.log(`audit chain OK: ${report.checked} events verified${report.lastId !== null ? ` (last id ${report.lastId})` : ""}`);
    return 0;
  }
  console.log(
    `audit chain BROKEN at id ${report.brokenAt}: ${report.reason} (expected ${report.expected.slice(0, 16)}…, found ${report.found.slice(0, 16)}…; ${report.checked} events verified before it)`,
  );
  return 1;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    console.error(`audit chain verification failed to run: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  })
  .finally(() => closeDb());

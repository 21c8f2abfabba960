/**
 * npm run admin:bootstrap -- --group <IdP group> — on a new production database, maps your IT
 * group to the admin role (audited), so the first admin can sign in and do the rest in /admin.
 */
import { bootstrapAdminMapping, closeDatabase } from "@/lib/dal/system";

const i = process.argv.indexOf("--group");
const group = i >= 0 ? process.argv[i + 1] : undefined;
if (!group || !process.env.DATABASE_URL) {
  console.error("usage: DATABASE_URL=postgres://… npm run admin:bootstrap -- --group <IdP group name>");
  process.exit(2);
}
bootstrapAdminMapping(group)
  .then((r) => console.log(r === "created" ? `✔ IdP group "${group}" now maps to admin` : `✔ "${group}" already maps to admin`))
  .catch((e) => {
    console.error(`✘ ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());

/** npm run db:migrate — applies db/migrations to DATABASE_URL (production deploys run this). */
import { runMigrations } from "./lib/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required (postgres://user:password@host:5432/db)");
  process.exit(1);
}
runMigrations(url)
  .then(() => console.log("✔ migrations applied"))
  .catch((e) => {
    console.error(`✘ migration failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });

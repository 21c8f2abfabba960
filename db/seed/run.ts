/** npm run db:seed — idempotent demo data on DATABASE_URL. */
import { closeDb, getDb } from "@/db";
import { seedOrganisation } from "./demo";
import { seedWorkspaces } from "./workspaces";
import { seedCalendar } from "./calendar";
import { seedAssetFiles } from "./asset-files";
import { seedSandboxNetwork } from "./sandbox";
import { seedAds } from "./ads";
import { seedAnalytics } from "./analytics";
import { seedAnalyticsHistory } from "./analytics-history";
import { seedAnalyticsReports } from "./analytics-reports";
import { seedInbox } from "./inbox";
import { seedInboxReplies } from "./inbox-replies";
import { seedLegalHolds } from "./legal-holds";
import { seedLegalQueue } from "./legal";

export async function seedDemo(): Promise<void> {
  const db = getDb();
  await seedOrganisation(db);
  await seedWorkspaces(db);
  await seedCalendar(db);
  await seedAnalyticsHistory(db);
  await seedAssetFiles(db);
  await seedSandboxNetwork(db);
  await seedAds(db);
  await seedInbox(db);
  await seedInboxReplies(db);
  await seedLegalHolds(db);
  await seedLegalQueue(db);
  await seedAnalytics(db);
  await seedAnalyticsReports(db);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seedDemo()
    .then(() => console.log("demo data ready"))
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => closeDb());
}

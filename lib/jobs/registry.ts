import type { PgBoss } from "pg-boss";
import { purgeExpiredSessions, verifyAuditChainAsSystem } from "@/lib/dal/system";
import { NOTIFICATION_JOBS } from "./notifications";
import { INBOX_CLOCK_JOBS } from "./inbox-sla";
import { INBOX_STREAM_JOBS } from "./inbox-stream";
import { ASSET_RIGHTS_JOBS } from "./asset-rights";
import { LEGAL_QUEUE_JOBS } from "./legal-queue";
import { RETENTION_JOBS } from "./retention";
import { ADS_JOBS } from "./ads";
import { ANALYTICS_JOBS } from "./analytics";
import { ANALYTICS_REPORT_JOBS } from "./analytics-reports";

/**
 * Every queue the worker serves, its schedule (cron, Asia/Tokyo), and its handler.
 * Later features (publishing, metric pulls, SLA escalation) add their queues here.
 */
export const JOBS = [
  {
    name: "sessions.purge-expired",
    cron: "*/15 * * * *",
    handler: async () => ({ purged: await purgeExpiredSessions() }),
  },
  {
    name: "audit.verify-chain",
    cron: "30 3 * * *",
    handler: async () => verifyAuditChainAsSystem(),
  },
  ...NOTIFICATION_JOBS,
  ...INBOX_CLOCK_JOBS,
  ...INBOX_STREAM_JOBS,
  ...ASSET_RIGHTS_JOBS,
  ...LEGAL_QUEUE_JOBS,
  ...RETENTION_JOBS,
  ...ADS_JOBS,
  ...ANALYTICS_JOBS,
  ...ANALYTICS_REPORT_JOBS,
] as const;

export async function registerJobs(boss: PgBoss, log: (m: string) => void): Promise<void> {
  for (const job of JOBS) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, null, { tz: "Asia/Tokyo" });
    await boss.work(job.name, async (jobs) => {
      for (const j of jobs) {
        const result = await job.handler();
        log(`${job.name} ${j.id} done ${JSON.stringify(result)}`);
      }
    });
  }
}

import { runDueReports } from "@/lib/dal/analytics-reports";

/**
 * The weekly analytics report (registered in lib/jobs/registry.ts). Every 5 minutes: each enabled
 * schedule whose weekday/time (Asia/Tokyo) has passed gets its week's report made once (unique
 * per schedule, brand and week, so re-runs and several workers change nothing), stored in the
 * portal, and e-mailed when SMTP is configured.
 */
export const ANALYTICS_REPORT_JOBS = [
  {
    name: "analytics.weekly-reports",
    cron: "*/5 * * * *",
    handler: async () => runDueReports(),
  },
] as const;

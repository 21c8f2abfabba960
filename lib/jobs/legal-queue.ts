import { scanLegalSla } from "@/lib/dal/legal-queue";

/** Legal queue SLA: every 5 minutes, warn before a review's due time (per kind) and report breaches, once each. */
export const LEGAL_QUEUE_JOBS = [
  {
    name: "legal.sla-scan",
    cron: "*/5 * * * *",
    handler: async () => scanLegalSla(),
  },
] as const;

import { runInboxSlaClock, runSpikeDetection } from "@/lib/dal/inbox-monitor";

/*
 * The inbox's clocks (issue 4), every minute: first-response SLA warnings and breaches (each once
 * per item, escalated to the manager on breach) and spike detection per channel (one alert per
 * channel and window). The work and its once-only guarantees live in lib/dal/inbox-monitor.ts.
 */
export const INBOX_CLOCK_JOBS = [
  { name: "inbox.sla-clock", cron: "* * * * *", handler: async () => runInboxSlaClock() },
  { name: "inbox.spike-detect", cron: "* * * * *", handler: async () => runSpikeDetection() },
] as const;

import { deliverDueNotifications, purgeOldNotifications } from "@/lib/dal/notification-deliveries";
import { runReviewDueTimes } from "@/lib/dal/review-due";

/**
 * Notification jobs, registered in lib/jobs/registry.ts.
 * - notifications.deliver (every minute): sends queued e-mails and webhook messages; retries with
 *   backoff live in the delivery rows (state, attempts, next_attempt_at, last_error), so a delivery
 *   survives worker restarts and is sent by one worker only (claimed with a conditional update).
 * - reviews.due-times (every 5 minutes): reminders before a review stage is due, escalation to the
 *   manager once it is overdue (each once per revision and stage).
 * - notifications.retention (daily, 04:10): notifications older than a year, finished deliveries
 *   older than 90 days.
 */
export const NOTIFICATION_JOBS = [
  {
    name: "notifications.deliver",
    cron: "* * * * *",
    handler: async () => deliverDueNotifications(),
  },
  {
    name: "reviews.due-times",
    cron: "*/5 * * * *",
    handler: async () => runReviewDueTimes(),
  },
  {
    name: "notifications.retention",
    cron: "10 4 * * *",
    handler: async () => purgeOldNotifications(),
  },
] as const;

import { abandonStaleDrafts, purgeInbox } from "@/lib/dal/retention";

/*
 * Nightly retention (lib/dal/retention.ts): closed inbox items past Legal's retention age are
 * purged and untouched drafts abandoned — never anything under a legal hold.
 */

export async function runRetention(now: Date = new Date()) {
  const inbox = await purgeInbox(now);
  const drafts = await abandonStaleDrafts(now);
  return { inboxPurged: inbox.purged, inboxKeptForHold: inbox.keptForHold, draftsAbandoned: drafts.abandoned, draftsKeptForHold: drafts.keptForHold };
}

export const RETENTION_JOBS = [{ name: "legal.retention", cron: "40 3 * * *", handler: async () => runRetention() }] as const;

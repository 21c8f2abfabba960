import { connectorFor } from "@/lib/channels";
import { claimRightsRemovals, flagExpiredRights, noticeExpiringRights, recordRightsRemoval } from "@/lib/dal/asset-rights";

/*
 * Asset rights over time (lib/dal/asset-rights.ts): hourly, tell Legal and the manager about rights
 * ending in 14 and 3 days (once each), flag published posts whose rights ended, and hide or delete
 * them through their connector as Legal's policy says — except posts under a legal hold.
 */

const REMOVE_TIMEOUT_MS = 15_000;

export async function runAssetRights(now: Date = new Date()) {
  const notices = await noticeExpiringRights(now);
  const flags = await flagExpiredRights(now);
  let removed = 0;
  let failed = 0;
  for (const r of await claimRightsRemovals()) {
    const outcome = await connectorFor(r.channel.connector).remove({ channel: r.channel, externalId: r.externalId, mode: r.mode, signal: AbortSignal.timeout(REMOVE_TIMEOUT_MS) });
    await recordRightsRemoval(r, outcome);
    if (outcome.kind === "done") removed++;
    else failed++;
  }
  return { notices, ...flags, removed, failed };
}

export const ASSET_RIGHTS_JOBS = [{ name: "legal.asset-rights", cron: "7 * * * *", handler: async () => runAssetRights() }] as const;

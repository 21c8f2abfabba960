import { deliverDue, pauseForCrises } from "@/lib/dal/ads-delivery";

/*
 * Ad delivery jobs (issue 7), registered in lib/jobs/registry.ts:
 * - ads.crisis-sweep, every minute: active campaigns an active crisis covers are paused (and
 *   paused on the network). Delivery itself never stores a day while a crisis covers the
 *   campaign, so nothing accrues in the meantime either way.
 * - ads.deliver, every minute: each active campaign's results day by day through yesterday
 *   (Tokyo) from its connector (the sandbox simulates), then its automated rules.
 */
export const ADS_JOBS = [
  {
    name: "ads.crisis-sweep",
    cron: "* * * * *",
    handler: async () => pauseForCrises(),
  },
  {
    name: "ads.deliver",
    cron: "* * * * *",
    handler: async () => {
      const crisis = await pauseForCrises();
      const delivered = await deliverDue();
      return { paused: crisis.paused.length, campaigns: delivered.filter((d) => d.days.length).length, days: delivered.reduce((a, d) => a + d.days.length, 0) };
    },
  },
] as const;

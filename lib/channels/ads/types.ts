/**
 * The ads connector interface (issue 7): launch a campaign with its ad sets and ads, change the
 * delivery status, read daily insights. Separate from the publishing Connector (lib/channels/types.ts)
 * because ad accounts and their calls differ from organic posting. Like the publisher's connectors,
 * it never throws for what the network answers: every outcome is classified.
 */
import type { ChannelRef } from "../types";
import type { AdObjective, BudgetType, Targeting } from "@/lib/domain/ads";

export type AdsLaunchRequest = {
  channel: ChannelRef;
  /** Identical for every attempt at the same launch: the sandbox dedupes on it. */
  idempotencyKey: string;
  campaign: { id: string; name: string; objective: AdObjective; budgetType: BudgetType; budgetJpy: number; startsOn: string; endsOn: string; externalId: string | null };
  adSets: { id: string; name: string; dailyBudgetJpy: number | null; targeting: Targeting; externalId: string | null }[];
  ads: {
    id: string;
    adSetId: string;
    name: string;
    /** Boost: the network's id of the published post. */
    boostExternalPostId: string | null;
    text: string;
    headline: string | null;
    linkUrl: string | null;
    cta: string | null;
    externalId: string | null;
  }[];
  signal: AbortSignal;
};

/** External ids of what exists on the network after the call (also on failure: what was created before it failed). */
export type AdsCreated = { campaign: string | null; adSets: Record<string, string>; ads: Record<string, string> };

export type AdsLaunchOutcome =
  | { kind: "launched"; created: AdsCreated }
  | { kind: "failed"; code: string; message: string; retryable: boolean; created: AdsCreated };

export type AdsStatus = "active" | "paused" | "ended";

export type AdsStatusRequest = { channel: ChannelRef; level: "campaign" | "ad"; externalId: string; status: AdsStatus; signal: AbortSignal };
export type AdsStatusOutcome = { kind: "done" } | { kind: "failed"; code: string; message: string; retryable: boolean };

export type AdsInsightsDay = { day: string; spendJpy: number; impressions: number; clicks: number; conversions: number; revenueJpy: number };

export type AdsInsightsRequest = {
  channel: ChannelRef;
  ad: { id: string; externalId: string; objective: AdObjective };
  since: string;
  until: string;
  /** The sandbox simulates with these: the ad's cap per day, what is left of a lifetime budget. */
  simulation?: { capsByDay: Record<string, number>; remainingJpy?: number };
  signal: AbortSignal;
};
export type AdsInsightsOutcome = { kind: "ok"; days: AdsInsightsDay[] } | { kind: "failed"; code: string; message: string; retryable: boolean };

/** What a channel lacks before this connector can run ads on it (checked before a launch is claimed). */
export type AdsSetupGap = "no_ad_account" | "no_ads_credentials";

export interface AdsConnector {
  readonly kind: "sandbox" | "meta";
  /** null when the channel can run ads through this connector; else what is missing. */
  setupGap(channel: ChannelRef): AdsSetupGap | null;
  launch(req: AdsLaunchRequest): Promise<AdsLaunchOutcome>;
  setStatus(req: AdsStatusRequest): Promise<AdsStatusOutcome>;
  insights(req: AdsInsightsRequest): Promise<AdsInsightsOutcome>;
}

import type { ChannelRef } from "../types";
import type { PostDayMetrics } from "@/lib/domain/sandbox-metrics";

/**
 * Insights connectors (issue 6): what a network says about one channel and its published posts
 * for one Asia/Tokyo calendar day. Like the publishing connectors they never throw for what the
 * network answers; they classify. A pull is a read: any failure is safe to retry.
 */

export type { PostDayMetrics };

export interface InsightsPost {
  postId: string;
  /** The network's id of the published post (Page post id, IG media id, sandbox id). */
  externalId: string;
  publishedAt: Date;
}

export interface InsightsRequest {
  channel: ChannelRef;
  /** Tokyo calendar day, YYYY-MM-DD. */
  day: string;
  /** Posts published on this channel whose metric window covers the day. */
  posts: InsightsPost[];
  /** The pull runs on this clock (tests pin it); defaults to now. */
  now?: Date;
  signal: AbortSignal;
}

export type AccountDay = {
  /** Followers at the end of the day; null when the network cannot tell for that day. */
  followers: number | null;
  impressions: number;
  reach: number;
};

export type InsightsOutcome =
  | { kind: "ok"; account: AccountDay; posts: ({ postId: string } & PostDayMetrics)[] }
  | { kind: "failed"; code: string; message: string; retryable: boolean };

export interface InsightsConnector {
  readonly kind: "sandbox" | "meta";
  fetchDay(req: InsightsRequest): Promise<InsightsOutcome>;
}

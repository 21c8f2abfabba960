import { pgTable, uuid, date, integer, bigint, text, timestamp, primaryKey, index } from "drizzle-orm/pg-core";
import { posts } from "./content";
import { brands, channels } from "./channels";

/*
 * Analytics (issue 6). Days are Asia/Tokyo calendar days (`date` columns).
 *
 * Raw, as pulled from each channel's insights connector (lib/channels/insights/*):
 *   post_metrics_daily      one row per (post, channel, day): what the post earned that day
 *   channel_metrics_daily   one row per (channel, day): account-level figures (followers at the end of the day)
 *   analytics_pulls         bookkeeping: which (channel, day) was pulled, when, how it went (gaps = missing 'done' rows)
 *
 * Rollups, kept current in the same transaction as the raw upsert (lib/dal/analytics-pipeline.ts);
 * the dashboards read only these:
 *   analytics_channel_daily channel × day: Σ post metrics, posts with metrics, followers, mentions + sentiment counts
 *   analytics_brand_daily   brand × day: Σ of its channels' rows
 *   analytics_post_totals   post × channel: lifetime Σ, first metric day (for "big post" annotations and post tables)
 *
 * Invariant (tested for random data): every rollup equals the aggregation of the raw rows it summarises.
 */

/** Daily metrics per post per channel, as pulled from the connector (Asia/Tokyo days). */
export const postMetricsDaily = pgTable(
  "post_metrics_daily",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    day: date("day").notNull(),
    impressions: bigint("impressions", { mode: "number" }).notNull().default(0),
    reach: bigint("reach", { mode: "number" }).notNull().default(0),
    likes: integer("likes").notNull().default(0),
    comments: integer("comments").notNull().default(0),
    shares: integer("shares").notNull().default(0),
    saves: integer("saves").notNull().default(0),
    clicks: integer("clicks").notNull().default(0),
    videoViews: integer("video_views").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.channelId, t.day] }),
    index("post_metrics_daily_day_idx").on(t.day),
    index("post_metrics_daily_channel_day_idx").on(t.channelId, t.day),
  ],
);

/** Account-level daily figures per channel from the connector (followers at the end of the Tokyo day). */
export const channelMetricsDaily = pgTable(
  "channel_metrics_daily",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    day: date("day").notNull(),
    /** Null when the network cannot say for that day (Instagram reports only the current total). */
    followers: integer("followers"),
    impressions: bigint("impressions", { mode: "number" }).notNull().default(0),
    reach: bigint("reach", { mode: "number" }).notNull().default(0),
    engagements: bigint("engagements", { mode: "number" }).notNull().default(0),
    mentions: integer("mentions").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.day] })],
);

/** One row per (channel, Tokyo day) a pull has touched. A day without status 'done' is a gap to backfill. */
export const analyticsPulls = pgTable(
  "analytics_pulls",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    day: date("day").notNull(),
    status: text("status", { enum: ["done", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(1),
    /** Post rows the connector answered for this day. */
    postRows: integer("post_rows").notNull().default(0),
    /** Connector error code of the last failed attempt (never a token or a response body). */
    errorCode: text("error_code"),
    pulledAt: timestamp("pulled_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.day] }), index("analytics_pulls_status_idx").on(t.status, t.day)],
);

/** Metric columns every rollup carries (Σ of post_metrics_daily). */
const sums = () => ({
  impressions: bigint("impressions", { mode: "number" }).notNull().default(0),
  reach: bigint("reach", { mode: "number" }).notNull().default(0),
  likes: bigint("likes", { mode: "number" }).notNull().default(0),
  comments: bigint("comments", { mode: "number" }).notNull().default(0),
  shares: bigint("shares", { mode: "number" }).notNull().default(0),
  saves: bigint("saves", { mode: "number" }).notNull().default(0),
  clicks: bigint("clicks", { mode: "number" }).notNull().default(0),
  videoViews: bigint("video_views", { mode: "number" }).notNull().default(0),
  /** likes + comments + shares + saves */
  engagements: bigint("engagements", { mode: "number" }).notNull().default(0),
});

/** Inbox-derived counts (no text, no authors): mentions and sentiment of inbound items that day. */
const inbound = () => ({
  inbound: integer("inbound").notNull().default(0),
  mentions: integer("mentions").notNull().default(0),
  positive: integer("positive").notNull().default(0),
  neutral: integer("neutral").notNull().default(0),
  negative: integer("negative").notNull().default(0),
});

/** channel × Tokyo day. */
export const analyticsChannelDaily = pgTable(
  "analytics_channel_daily",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    day: date("day").notNull(),
    /** Denormalised from channels for brand filters without a join. */
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id),
    ...sums(),
    /** Posts with a metrics row that day. */
    posts: integer("posts").notNull().default(0),
    /** Followers at the end of the day (channel_metrics_daily); null when not pulled. */
    followers: integer("followers"),
    ...inbound(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.day] }), index("analytics_channel_daily_day_idx").on(t.day, t.channelId), index("analytics_channel_daily_brand_idx").on(t.brandId, t.day)],
);

/** brand × Tokyo day: Σ of the brand's analytics_channel_daily rows (followers: Σ of channels that reported). */
export const analyticsBrandDaily = pgTable(
  "analytics_brand_daily",
  {
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id),
    day: date("day").notNull(),
    ...sums(),
    posts: integer("posts").notNull().default(0),
    followers: bigint("followers", { mode: "number" }).notNull().default(0),
    ...inbound(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.day] }), index("analytics_brand_daily_day_idx").on(t.day)],
);

/** post × channel lifetime totals (Σ over days), with the first and last day that had metrics. */
export const analyticsPostTotals = pgTable(
  "analytics_post_totals",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id),
    firstDay: date("first_day").notNull(),
    lastDay: date("last_day").notNull(),
    days: integer("days").notNull().default(0),
    ...sums(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.channelId] }),
    index("analytics_post_totals_first_day_idx").on(t.firstDay, t.engagements),
    index("analytics_post_totals_channel_idx").on(t.channelId, t.firstDay),
  ],
);

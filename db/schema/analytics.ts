import { pgTable, uuid, date, integer, bigint, primaryKey, index } from "drizzle-orm/pg-core";
import { posts } from "./content";
import { channels } from "./channels";

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
  (t) => [primaryKey({ columns: [t.postId, t.channelId, t.day] }), index("post_metrics_daily_day_idx").on(t.day)],
);

export const channelMetricsDaily = pgTable(
  "channel_metrics_daily",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    day: date("day").notNull(),
    followers: integer("followers").notNull().default(0),
    impressions: bigint("impressions", { mode: "number" }).notNull().default(0),
    reach: bigint("reach", { mode: "number" }).notNull().default(0),
    engagements: bigint("engagements", { mode: "number" }).notNull().default(0),
    mentions: integer("mentions").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.day] })],
);

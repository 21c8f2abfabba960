import { pgTable, pgEnum, text, timestamp, uuid, date, integer, bigint, jsonb, primaryKey, index } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { brands, channels } from "./channels";
import { postRevisions } from "./content";
import { legalReviews } from "./legal";

export const CAMPAIGN_STATUSES = ["draft", "pending_approval", "approved", "active", "paused", "ended"] as const;
export const campaignStatusEnum = pgEnum("campaign_status", CAMPAIGN_STATUSES);

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    objective: text("objective", { enum: ["awareness", "traffic", "engagement", "conversions"] }).notNull(),
    budgetType: text("budget_type", { enum: ["daily", "lifetime"] }).notNull(),
    budgetJpy: bigint("budget_jpy", { mode: "number" }).notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    /** { ageMin, ageMax, genders, prefectures, interests, languages } */
    targeting: jsonb("targeting").notNull().default({}),
    status: campaignStatusEnum("status").notNull().default("draft"),
    budgetApprovedById: text("budget_approved_by_id").references(() => users.id),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaigns_status_idx").on(t.status)],
);

export const adSets = pgTable("ad_sets", {
  id: uuid("id").primaryKey().defaultRandom(),
  campaignId: uuid("campaign_id")
    .notNull()
    .references(() => campaigns.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  targeting: jsonb("targeting").notNull().default({}),
  dailyBudgetJpy: bigint("daily_budget_jpy", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const ads = pgTable("ads", {
  id: uuid("id").primaryKey().defaultRandom(),
  adSetId: uuid("ad_set_id")
    .notNull()
    .references(() => adSets.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  sourceKind: text("source_kind", { enum: ["boost", "creative"] }).notNull(),
  postRevisionId: uuid("post_revision_id").references(() => postRevisions.id),
  creativeText: text("creative_text"),
  legalReviewId: uuid("legal_review_id").references(() => legalReviews.id),
  status: text("status", { enum: ["draft", "in_review", "ready", "active", "paused", "ended", "rejected"] })
    .notNull()
    .default("draft"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const spendDaily = pgTable(
  "spend_daily",
  {
    adId: uuid("ad_id")
      .notNull()
      .references(() => ads.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    spendJpy: bigint("spend_jpy", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.adId, t.day] })],
);

export const adMetricsDaily = pgTable(
  "ad_metrics_daily",
  {
    adId: uuid("ad_id")
      .notNull()
      .references(() => ads.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    impressions: bigint("impressions", { mode: "number" }).notNull().default(0),
    clicks: integer("clicks").notNull().default(0),
    conversions: integer("conversions").notNull().default(0),
    revenueJpy: bigint("revenue_jpy", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.adId, t.day] })],
);


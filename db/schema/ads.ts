import { pgTable, pgEnum, text, timestamp, uuid, date, integer, bigint, jsonb, primaryKey, index, uniqueIndex, boolean } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./identity";
import { brands, channels } from "./channels";
import { postRevisions } from "./content";
import { legalReviews } from "./legal";

/*
 * Paid campaigns (issue 7). A campaign holds ad sets (budget split + targeting), an ad set holds
 * ads; an ad boosts one exact approved post revision or carries its own creative (hashed; Legal
 * clears that hash). Delivery comes back per day into spend_daily / ad_metrics_daily.
 */

/** launching: the launch has been claimed and the connector call is under way (the claim that stops a double launch). */
export const CAMPAIGN_STATUSES = ["draft", "pending_approval", "approved", "launching", "active", "paused", "ended"] as const;
export const campaignStatusEnum = pgEnum("campaign_status", CAMPAIGN_STATUSES);

export const AD_STATUSES = ["draft", "in_review", "ready", "active", "paused", "ended", "rejected"] as const;
export const PAUSE_REASONS = ["manual", "crisis", "rule", "creative_changed"] as const;

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
    /** How the planned spend is spread over the flight (lib/domain/ads.ts plannedSpend). */
    pacing: text("pacing", { enum: ["even", "front_loaded", "back_loaded"] }).notNull().default("even"),
    status: campaignStatusEnum("status").notNull().default("draft"),
    /** Why a paused campaign is paused. */
    pausedReason: text("paused_reason", { enum: PAUSE_REASONS }),
    pausedByCrisisId: uuid("paused_by_crisis_id"),
    budgetApprovedById: text("budget_approved_by_id").references(() => users.id),
    /** The total budget the manager's approval covers: a higher budget needs approval again. */
    budgetApprovedJpy: bigint("budget_approved_jpy", { mode: "number" }),
    /** The connector's own campaign id once created there. */
    externalId: text("external_id"),
    /** Sent with every launch call: the connector dedupes on it (no double launch). */
    launchKey: text("launch_key"),
    launchClaimedAt: timestamp("launch_claimed_at", { withTimezone: true }),
    launchedAt: timestamp("launched_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    lastError: text("last_error"),
    /** Sandbox: the next Tokyo day the simulator will deliver (null until launched). */
    sandboxNextDay: date("sandbox_next_day"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaigns_status_idx").on(t.status), index("campaigns_brand_idx").on(t.brandId)],
);

export const adSets = pgTable(
  "ad_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    targeting: jsonb("targeting").notNull().default({}),
    dailyBudgetJpy: bigint("daily_budget_jpy", { mode: "number" }),
    externalId: text("external_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ad_sets_campaign_idx").on(t.campaignId)],
);

export const ads = pgTable(
  "ads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    adSetId: uuid("ad_set_id")
      .notNull()
      .references(() => adSets.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    sourceKind: text("source_kind", { enum: ["boost", "creative"] }).notNull(),
    postRevisionId: uuid("post_revision_id").references(() => postRevisions.id),
    creativeText: text("creative_text"),
    creativeHeadline: text("creative_headline"),
    creativeLinkUrl: text("creative_link_url"),
    creativeCta: text("creative_cta"),
    /** sha256 of the canonical creative (text, headline, link, CTA): Legal clears exactly this. */
    creativeHash: text("creative_hash"),
    legalReviewId: uuid("legal_review_id").references(() => legalReviews.id),
    status: text("status", { enum: AD_STATUSES }).notNull().default("draft"),
    pausedReason: text("paused_reason", { enum: PAUSE_REASONS }),
    externalId: text("external_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ads_ad_set_idx").on(t.adSetId)],
);

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

/** A request for the manager's approval of one campaign's total budget. At most one pending per campaign. */
export const adBudgetApprovals = pgTable(
  "ad_budget_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    /** The total budget asked for (daily × flight days, or the lifetime amount). */
    amountJpy: bigint("amount_jpy", { mode: "number" }).notNull(),
    state: text("state", { enum: ["pending", "approved", "rejected", "superseded"] }).notNull().default("pending"),
    note: text("note"),
    requestedById: text("requested_by_id")
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedById: text("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reason: text("reason"),
  },
  (t) => [
    index("ad_budget_approvals_campaign_idx").on(t.campaignId),
    uniqueIndex("ad_budget_approvals_pending_uq").on(t.campaignId).where(sql`state = 'pending'`),
  ],
);

/** One row (id "default"): the manager's approval threshold. */
export const adSettings = pgTable("ad_settings", {
  id: text("id").primaryKey().default("default"),
  approvalThresholdJpy: bigint("approval_threshold_jpy", { mode: "number" }).notNull(),
  updatedById: text("updated_by_id").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const AD_RULE_KINDS = ["cpa_above", "negative_comments_spike"] as const;

/** Automated rules, per campaign (or every campaign when campaign_id is null). */
export const adRules = pgTable(
  "ad_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: AD_RULE_KINDS }).notNull(),
    /** cpa_above: { limitJpy, days }; negative_comments_spike: { count, hours } */
    params: jsonb("params").notNull().default({}),
    action: text("action", { enum: ["pause_ad", "notify"] }).notNull().default("pause_ad"),
    enabled: boolean("enabled").notNull().default(true),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ad_rules_campaign_idx").on(t.campaignId)],
);

/** Every firing. Unique per (rule, ad, condition window): a condition that stays true fires once. */
export const adRuleFirings = pgTable(
  "ad_rule_firings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => adRules.id, { onDelete: "cascade" }),
    adId: uuid("ad_id")
      .notNull()
      .references(() => ads.id, { onDelete: "cascade" }),
    windowKey: text("window_key").notNull(),
    /** What was observed: { cpa, days, count… } */
    observed: jsonb("observed").notNull().default({}),
    actionTaken: text("action_taken", { enum: ["paused", "notified", "already_paused"] }).notNull(),
    firedAt: timestamp("fired_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ad_rule_firings_window_uq").on(t.ruleId, t.adId, t.windowKey), index("ad_rule_firings_fired_idx").on(t.firedAt)],
);

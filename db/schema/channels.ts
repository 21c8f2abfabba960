import { pgTable, text, timestamp, uuid, uniqueIndex, index } from "drizzle-orm/pg-core";
import { connectorKindEnum, platformEnum } from "./enums";

export const brands = pgTable("brands", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  color: text("color").notNull().default("#0f766e"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A brand's account on one network. Secrets live elsewhere: only a reference is stored here. */
export const channels = pgTable(
  "channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id),
    platform: platformEnum("platform").notNull(),
    handle: text("handle").notNull(),
    displayName: text("display_name").notNull(),
    connector: connectorKindEnum("connector").notNull().default("sandbox"),
    /** The platform's own account id (Page id, IG user id), used to route webhooks. */
    externalAccountId: text("external_account_id"),
    credentialsRef: text("credentials_ref"),
    /**
     * The ad account paid delivery on this channel is billed to (Meta: the digits of act_<id>).
     * Null: the channel cannot run ads through a network's ads connector (the sandbox needs none).
     */
    adAccountId: text("ad_account_id"),
    status: text("status", { enum: ["active", "disconnected", "archived"] }).notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("channels_platform_handle_uq").on(t.platform, t.handle),
    uniqueIndex("channels_platform_external_uq").on(t.platform, t.externalAccountId),
    index("channels_brand_idx").on(t.brandId),
  ],
);

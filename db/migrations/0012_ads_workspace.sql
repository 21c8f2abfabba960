ALTER TYPE "public"."campaign_status" ADD VALUE 'launching' BEFORE 'active';--> statement-breakpoint
CREATE TABLE "ad_budget_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"amount_jpy" bigint NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"requested_by_id" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "ad_rule_firings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"ad_id" uuid NOT NULL,
	"window_key" text NOT NULL,
	"observed" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"action_taken" text NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ad_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"campaign_id" uuid,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"action" text DEFAULT 'pause_ad' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ad_settings" (
	"id" text PRIMARY KEY DEFAULT 'default' NOT NULL,
	"approval_threshold_jpy" bigint NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ad_sets" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "ads" ADD COLUMN "creative_headline" text;--> statement-breakpoint
ALTER TABLE "ads" ADD COLUMN "creative_link_url" text;--> statement-breakpoint
ALTER TABLE "ads" ADD COLUMN "creative_cta" text;--> statement-breakpoint
ALTER TABLE "ads" ADD COLUMN "creative_hash" text;--> statement-breakpoint
ALTER TABLE "ads" ADD COLUMN "paused_reason" text;--> statement-breakpoint
ALTER TABLE "ads" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "ads" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "pacing" text DEFAULT 'even' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "paused_reason" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "paused_by_crisis_id" uuid;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "budget_approved_jpy" bigint;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "launch_key" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "launch_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "launched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "sandbox_next_day" date;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "ad_budget_approvals" ADD CONSTRAINT "ad_budget_approvals_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_budget_approvals" ADD CONSTRAINT "ad_budget_approvals_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_budget_approvals" ADD CONSTRAINT "ad_budget_approvals_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_rule_firings" ADD CONSTRAINT "ad_rule_firings_rule_id_ad_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."ad_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_rule_firings" ADD CONSTRAINT "ad_rule_firings_ad_id_ads_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_rules" ADD CONSTRAINT "ad_rules_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_rules" ADD CONSTRAINT "ad_rules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_settings" ADD CONSTRAINT "ad_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ad_budget_approvals_campaign_idx" ON "ad_budget_approvals" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ad_budget_approvals_pending_uq" ON "ad_budget_approvals" USING btree ("campaign_id") WHERE state = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "ad_rule_firings_window_uq" ON "ad_rule_firings" USING btree ("rule_id","ad_id","window_key");--> statement-breakpoint
CREATE INDEX "ad_rule_firings_fired_idx" ON "ad_rule_firings" USING btree ("fired_at");--> statement-breakpoint
CREATE INDEX "ad_rules_campaign_idx" ON "ad_rules" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "ad_sets_campaign_idx" ON "ad_sets" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "ads_ad_set_idx" ON "ads" USING btree ("ad_set_id");--> statement-breakpoint
CREATE INDEX "campaigns_brand_idx" ON "campaigns" USING btree ("brand_id");
CREATE TABLE "inbox_policy" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_shifts" (
	"user_id" text PRIMARY KEY NOT NULL,
	"on_shift" boolean DEFAULT false NOT NULL,
	"last_assigned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moderation_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inbox_item_id" uuid NOT NULL,
	"action" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"actor_id" text,
	"rule_id" uuid,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "spike_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"baseline" integer NOT NULL,
	"notified_at" timestamp with time zone,
	"crisis_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text DEFAULT 'meta' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signature_ok" boolean NOT NULL,
	"entries" integer DEFAULT 0 NOT NULL,
	"stored" integer DEFAULT 0 NOT NULL,
	"body_bytes" integer DEFAULT 0 NOT NULL,
	"status" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalations" ALTER COLUMN "created_by_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "brand_id" uuid;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "risk_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "author_url" text;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "permalink" text;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "raw" jsonb;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "hidden_reason" text;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "hidden_by_id" text;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "sla_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "sla_breached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "base_version" integer;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "approval_role" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "approval_reason" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "decided_by_id" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "claim_token" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_policy" ADD CONSTRAINT "inbox_policy_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_rules" ADD CONSTRAINT "inbox_rules_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_shifts" ADD CONSTRAINT "inbox_shifts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_inbox_item_id_inbox_items_id_fk" FOREIGN KEY ("inbox_item_id") REFERENCES "public"."inbox_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_rule_id_inbox_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."inbox_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spike_alerts" ADD CONSTRAINT "spike_alerts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spike_alerts" ADD CONSTRAINT "spike_alerts_crisis_id_crisis_states_id_fk" FOREIGN KEY ("crisis_id") REFERENCES "public"."crisis_states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_rules_position_idx" ON "inbox_rules" USING btree ("position");--> statement-breakpoint
CREATE INDEX "moderation_actions_item_idx" ON "moderation_actions" USING btree ("inbox_item_id");--> statement-breakpoint
CREATE INDEX "moderation_actions_state_idx" ON "moderation_actions" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "spike_alerts_channel_window_uq" ON "spike_alerts" USING btree ("channel_id","window_start");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_received_idx" ON "webhook_deliveries" USING btree ("received_at");--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_hidden_by_id_users_id_fk" FOREIGN KEY ("hidden_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_items_channel_received_idx" ON "inbox_items" USING btree ("channel_id","received_at");--> statement-breakpoint
CREATE INDEX "inbox_items_brand_idx" ON "inbox_items" USING btree ("brand_id");--> statement-breakpoint
CREATE INDEX "inbox_items_author_idx" ON "inbox_items" USING btree ("channel_id","author_external_id");--> statement-breakpoint
CREATE INDEX "replies_state_idx" ON "replies" USING btree ("state");--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_idempotency_key_unique" UNIQUE("idempotency_key");
CREATE TABLE "sandbox_faults" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid,
	"fault" text NOT NULL,
	"remaining" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"idempotency_key" text,
	"text" text NOT NULL,
	"media" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"in_reply_to" text,
	"state" text DEFAULT 'live' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "corrections" ADD COLUMN "publish_as" text DEFAULT 'new_post' NOT NULL;--> statement-breakpoint
ALTER TABLE "corrections" ADD COLUMN "original_action_done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "post_targets" ADD COLUMN "state_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "post_targets" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "post_targets" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "post_targets" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "post_targets" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "post_targets" ADD COLUMN "held_crisis_id" uuid;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "revision_hash" text;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_faults" ADD CONSTRAINT "sandbox_faults_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_posts" ADD CONSTRAINT "sandbox_posts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sandbox_faults_channel_idx" ON "sandbox_faults" USING btree ("channel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_posts_external_uq" ON "sandbox_posts" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_posts_idem_uq" ON "sandbox_posts" USING btree ("channel_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "sandbox_posts_channel_idx" ON "sandbox_posts" USING btree ("channel_id","created_at");
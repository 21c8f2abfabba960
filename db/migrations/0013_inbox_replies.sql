CREATE TABLE "sandbox_comment_states" (
	"channel_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"state" text DEFAULT 'live' NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_comment_states_channel_id_external_id_pk" PRIMARY KEY("channel_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD COLUMN "claim_token" text;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "approved_hash" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "legal_review_id" uuid;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "held_crisis_id" uuid;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "saved_replies" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_posts" ADD COLUMN "is_direct" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_comment_states" ADD CONSTRAINT "sandbox_comment_states_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;
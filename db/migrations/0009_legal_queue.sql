ALTER TABLE "legal_reviews" ADD COLUMN "condition_items" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "decision_hash" text;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "snapshot" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "subject_hash" text;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "requested_by_id" text;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "brand_id" uuid;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "channel_id" uuid;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "previous_review_id" uuid;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "risk" text DEFAULT 'medium' NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD COLUMN "kind" text DEFAULT 'copyright' NOT NULL;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD COLUMN "reported_by_id" text;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD COLUMN "inbox_item_id" uuid;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD COLUMN "post_id" uuid;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD COLUMN "brand_id" uuid;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD COLUMN "channel_id" uuid;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD CONSTRAINT "legal_reviews_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD CONSTRAINT "legal_reviews_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD CONSTRAINT "legal_reviews_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD CONSTRAINT "legal_reviews_previous_review_id_legal_reviews_id_fk" FOREIGN KEY ("previous_review_id") REFERENCES "public"."legal_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD CONSTRAINT "takedown_requests_reported_by_id_users_id_fk" FOREIGN KEY ("reported_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD CONSTRAINT "takedown_requests_inbox_item_id_inbox_items_id_fk" FOREIGN KEY ("inbox_item_id") REFERENCES "public"."inbox_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD CONSTRAINT "takedown_requests_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD CONSTRAINT "takedown_requests_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takedown_requests" ADD CONSTRAINT "takedown_requests_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legal_reviews_subject_idx" ON "legal_reviews" USING btree ("subject_kind","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "legal_reviews_assignee_idx" ON "legal_reviews" USING btree ("assignee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_reviews_open_subject_uq" ON "legal_reviews" USING btree ("subject_kind","subject_id","subject_hash") WHERE state in ('open', 'in_progress');
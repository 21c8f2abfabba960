ALTER TABLE "blackout_windows" ADD COLUMN "channel_id" uuid;--> statement-breakpoint
ALTER TABLE "blackout_windows" ADD COLUMN "updated_by_id" text;--> statement-breakpoint
ALTER TABLE "blackout_windows" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "blackout_windows" ADD CONSTRAINT "blackout_windows_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blackout_windows" ADD CONSTRAINT "blackout_windows_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blackout_windows_ends_idx" ON "blackout_windows" USING btree ("ends_at","starts_at");--> statement-breakpoint
ALTER TABLE "blackout_windows" ADD CONSTRAINT "blackout_windows_range_ck" CHECK ("blackout_windows"."ends_at" > "blackout_windows"."starts_at");--> statement-breakpoint
ALTER TABLE "blackout_windows" ADD CONSTRAINT "blackout_windows_channel_brand_ck" CHECK ("blackout_windows"."channel_id" is null or "blackout_windows"."brand_id" is not null);
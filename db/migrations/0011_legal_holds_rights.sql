CREATE TABLE "asset_rights_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"rights_end_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"rights_expiry_action" text DEFAULT 'hide' NOT NULL,
	"inbox_retention_days" integer DEFAULT 365 NOT NULL,
	"draft_retention_days" integer DEFAULT 180 NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD COLUMN "release_reason" text;--> statement-breakpoint
ALTER TABLE "asset_rights_flags" ADD CONSTRAINT "asset_rights_flags_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_rights_flags" ADD CONSTRAINT "asset_rights_flags_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_rights_flags" ADD CONSTRAINT "asset_rights_flags_target_id_post_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."post_targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_settings" ADD CONSTRAINT "legal_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "asset_rights_flags_uq" ON "asset_rights_flags" USING btree ("asset_id","rights_end_at","target_id");--> statement-breakpoint
CREATE INDEX "asset_rights_flags_post_idx" ON "asset_rights_flags" USING btree ("post_id");
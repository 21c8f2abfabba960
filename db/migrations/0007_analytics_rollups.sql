CREATE TABLE "analytics_brand_daily" (
	"brand_id" uuid NOT NULL,
	"day" date NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"reach" bigint DEFAULT 0 NOT NULL,
	"likes" bigint DEFAULT 0 NOT NULL,
	"comments" bigint DEFAULT 0 NOT NULL,
	"shares" bigint DEFAULT 0 NOT NULL,
	"saves" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"video_views" bigint DEFAULT 0 NOT NULL,
	"engagements" bigint DEFAULT 0 NOT NULL,
	"posts" integer DEFAULT 0 NOT NULL,
	"followers" bigint DEFAULT 0 NOT NULL,
	"inbound" integer DEFAULT 0 NOT NULL,
	"mentions" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_brand_daily_brand_id_day_pk" PRIMARY KEY("brand_id","day")
);
--> statement-breakpoint
CREATE TABLE "analytics_channel_daily" (
	"channel_id" uuid NOT NULL,
	"day" date NOT NULL,
	"brand_id" uuid NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"reach" bigint DEFAULT 0 NOT NULL,
	"likes" bigint DEFAULT 0 NOT NULL,
	"comments" bigint DEFAULT 0 NOT NULL,
	"shares" bigint DEFAULT 0 NOT NULL,
	"saves" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"video_views" bigint DEFAULT 0 NOT NULL,
	"engagements" bigint DEFAULT 0 NOT NULL,
	"posts" integer DEFAULT 0 NOT NULL,
	"followers" integer,
	"inbound" integer DEFAULT 0 NOT NULL,
	"mentions" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_channel_daily_channel_id_day_pk" PRIMARY KEY("channel_id","day")
);
--> statement-breakpoint
CREATE TABLE "analytics_post_totals" (
	"post_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"brand_id" uuid NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"days" integer DEFAULT 0 NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"reach" bigint DEFAULT 0 NOT NULL,
	"likes" bigint DEFAULT 0 NOT NULL,
	"comments" bigint DEFAULT 0 NOT NULL,
	"shares" bigint DEFAULT 0 NOT NULL,
	"saves" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"video_views" bigint DEFAULT 0 NOT NULL,
	"engagements" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_post_totals_post_id_channel_id_pk" PRIMARY KEY("post_id","channel_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_pulls" (
	"channel_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"post_rows" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"pulled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_pulls_channel_id_day_pk" PRIMARY KEY("channel_id","day")
);
--> statement-breakpoint
ALTER TABLE "analytics_brand_daily" ADD CONSTRAINT "analytics_brand_daily_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_channel_daily" ADD CONSTRAINT "analytics_channel_daily_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_channel_daily" ADD CONSTRAINT "analytics_channel_daily_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_post_totals" ADD CONSTRAINT "analytics_post_totals_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_post_totals" ADD CONSTRAINT "analytics_post_totals_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_post_totals" ADD CONSTRAINT "analytics_post_totals_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_pulls" ADD CONSTRAINT "analytics_pulls_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_brand_daily_day_idx" ON "analytics_brand_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "analytics_channel_daily_day_idx" ON "analytics_channel_daily" USING btree ("day","channel_id");--> statement-breakpoint
CREATE INDEX "analytics_channel_daily_brand_idx" ON "analytics_channel_daily" USING btree ("brand_id","day");--> statement-breakpoint
CREATE INDEX "analytics_post_totals_first_day_idx" ON "analytics_post_totals" USING btree ("first_day","engagements");--> statement-breakpoint
CREATE INDEX "analytics_post_totals_channel_idx" ON "analytics_post_totals" USING btree ("channel_id","first_day");--> statement-breakpoint
CREATE INDEX "analytics_pulls_status_idx" ON "analytics_pulls" USING btree ("status","day");--> statement-breakpoint
CREATE INDEX "post_metrics_daily_channel_day_idx" ON "post_metrics_daily" USING btree ("channel_id","day");
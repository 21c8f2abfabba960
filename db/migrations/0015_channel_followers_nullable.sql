ALTER TABLE "channel_metrics_daily" ALTER COLUMN "followers" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "channel_metrics_daily" ALTER COLUMN "followers" DROP NOT NULL;
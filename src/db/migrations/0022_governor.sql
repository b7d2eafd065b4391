ALTER TABLE "tenants" ADD COLUMN "warm_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "warm" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "held_reason" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "held_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "until" timestamp with time zone;
ALTER TABLE "campaign_recipients" ADD COLUMN "pricing_category" text;--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "billable" boolean;
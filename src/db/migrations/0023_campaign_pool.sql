CREATE TABLE "campaign_channels" (
	"campaign_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "campaign_channels_campaign_id_channel_id_pk" PRIMARY KEY("campaign_id","channel_id")
);
--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD COLUMN "channel_id" uuid;--> statement-breakpoint
-- Recipients of campaigns made before pools are sent by their campaign's number.
UPDATE "campaign_recipients" r SET "channel_id" = c."channel_id" FROM "campaigns" c WHERE c."id" = r."campaign_id";--> statement-breakpoint
ALTER TABLE "campaign_recipients" ALTER COLUMN "channel_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "routing" text DEFAULT 'weighted' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_channels" ADD CONSTRAINT "campaign_channels_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_channels" ADD CONSTRAINT "campaign_channels_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- Every campaign made before pools has a pool of one: its number.
INSERT INTO "campaign_channels" ("campaign_id", "channel_id", "tenant_id", "weight") SELECT "id", "channel_id", "tenant_id", 1 FROM "campaigns";--> statement-breakpoint
CREATE INDEX "campaign_channels_channel_idx" ON "campaign_channels" USING btree ("channel_id");--> statement-breakpoint
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_recipients_channel_idx" ON "campaign_recipients" USING btree ("channel_id","status");
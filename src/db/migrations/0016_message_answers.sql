ALTER TABLE "messages" ADD COLUMN "answering_external_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "button" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "location" jsonb;
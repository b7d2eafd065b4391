ALTER TABLE "wa_templates" ADD COLUMN "meta_id" text;--> statement-breakpoint
ALTER TABLE "wa_templates" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "wa_templates" ADD COLUMN "previous_category" text;
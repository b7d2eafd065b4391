ALTER TABLE "messages" ADD COLUMN "auto_reply" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Auto-replies sent before this column existed are known by their log row.
UPDATE "messages" SET "auto_reply" = true
WHERE "id" IN (SELECT "reply_message_id" FROM "auto_reply_log" WHERE "reply_message_id" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "quick_replies" ADD COLUMN "media" jsonb;

ALTER TABLE "messages" ADD COLUMN "unit_held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "auto_reply_log" ADD COLUMN "unit_held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "order_messages" ADD COLUMN "unit_held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_media_id_idx" ON "messages" USING btree ("tenant_id",("media"->>'id')) WHERE "messages"."media" IS NOT NULL;
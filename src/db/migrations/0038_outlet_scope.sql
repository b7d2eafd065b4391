ALTER TABLE "imports" ADD COLUMN "outlet_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "outlet_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "target_outlet_id" uuid;--> statement-breakpoint
-- Data (issue 13): an order belongs to its number's outlet, else to the shop's first outlet.
UPDATE "orders" o SET "outlet_id" = coalesce(
  (SELECT ch."outlet_id" FROM "channels" ch WHERE ch."id" = o."channel_id"),
  (SELECT ot."id" FROM "outlets" ot WHERE ot."tenant_id" = o."tenant_id" ORDER BY ot."created_at", ot."id" LIMIT 1));--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_outlet_placed_idx" ON "orders" USING btree ("outlet_id","placed_at");
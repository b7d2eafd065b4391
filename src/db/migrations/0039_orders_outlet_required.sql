-- Data (issue 13): orders written without an outlet since 0038 take their number's outlet, else the shop's first.
UPDATE "orders" o SET "outlet_id" = coalesce(
  (SELECT ch."outlet_id" FROM "channels" ch WHERE ch."id" = o."channel_id"),
  (SELECT ot."id" FROM "outlets" ot WHERE ot."tenant_id" = o."tenant_id" ORDER BY ot."created_at", ot."id" LIMIT 1))
WHERE o."outlet_id" IS NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "outlet_id" SET NOT NULL;

CREATE TABLE "outlets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"city" text,
	"province" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outlets_tenant_name_unique" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "user_outlets" (
	"user_id" uuid NOT NULL,
	"outlet_id" uuid NOT NULL,
	CONSTRAINT "user_outlets_user_id_outlet_id_pk" PRIMARY KEY("user_id","outlet_id")
);
--> statement-breakpoint
CREATE TABLE "contact_outlets" (
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"outlet_id" uuid NOT NULL,
	CONSTRAINT "contact_outlets_contact_id_outlet_id_pk" PRIMARY KEY("contact_id","outlet_id")
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "outlet_id" uuid;--> statement-breakpoint
-- Data (issue 13): one outlet per existing shop, named after it; every channel and every
-- contact's home go to it; contact_outlets from the conversations there already are.
INSERT INTO "outlets" ("tenant_id", "name") SELECT "id", "name" FROM "tenants";--> statement-breakpoint
UPDATE "channels" c SET "outlet_id" = o."id" FROM "outlets" o WHERE o."tenant_id" = c."tenant_id";--> statement-breakpoint
ALTER TABLE "channels" ALTER COLUMN "outlet_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "home_outlet_id" uuid;--> statement-breakpoint
UPDATE "contacts" c SET "home_outlet_id" = o."id" FROM "outlets" o WHERE o."tenant_id" = c."tenant_id";--> statement-breakpoint
INSERT INTO "contact_outlets" ("tenant_id", "contact_id", "outlet_id")
  SELECT DISTINCT cv."tenant_id", cv."contact_id", ch."outlet_id"
  FROM "conversations" cv JOIN "channels" ch ON ch."id" = cv."channel_id"
  ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "outlets" ADD CONSTRAINT "outlets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_outlets" ADD CONSTRAINT "user_outlets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_outlets" ADD CONSTRAINT "user_outlets_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_outlets" ADD CONSTRAINT "contact_outlets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_outlets" ADD CONSTRAINT "contact_outlets_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_outlets" ADD CONSTRAINT "contact_outlets_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outlets_tenant_created_idx" ON "outlets" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "user_outlets_outlet_idx" ON "user_outlets" USING btree ("outlet_id");--> statement-breakpoint
CREATE INDEX "contact_outlets_outlet_idx" ON "contact_outlets" USING btree ("outlet_id");--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_home_outlet_id_outlets_id_fk" FOREIGN KEY ("home_outlet_id") REFERENCES "public"."outlets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channels_outlet_idx" ON "channels" USING btree ("outlet_id");--> statement-breakpoint
CREATE INDEX "contacts_home_outlet_idx" ON "contacts" USING btree ("home_outlet_id");
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"number" text NOT NULL,
	"items" jsonb NOT NULL,
	"subtotal" integer NOT NULL,
	"ppn_rate" numeric(5, 2) DEFAULT '0' NOT NULL,
	"ppn_amount" integer DEFAULT 0 NOT NULL,
	"total" integer NOT NULL,
	"status" text DEFAULT 'unpaid' NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"price_monthly" integer NOT NULL,
	"price_yearly" integer NOT NULL,
	"message_quota" integer,
	"numbers_limit" integer,
	"staff_limit" integer,
	"contacts_limit" integer,
	"modules" text[] NOT NULL,
	"counts_agent_replies" boolean DEFAULT false NOT NULL,
	"is_trial" boolean DEFAULT false NOT NULL,
	"trial_days" integer,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "packages_amounts_check" CHECK ("packages"."price_monthly" >= 0 AND "packages"."price_yearly" >= 0 AND coalesce("packages"."message_quota", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" text NOT NULL,
	"kind" text NOT NULL,
	"package_id" uuid,
	"cycle" text,
	"topup_pack_id" uuid,
	"gross_amount" integer NOT NULL,
	"items" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"midtrans_status" text,
	"snap_token" text,
	"redirect_url" text,
	"effect" jsonb,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_check" CHECK ("payments"."gross_amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "quota_balances" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_units" integer,
	"period_used" integer DEFAULT 0 NOT NULL,
	"topup_left" integer DEFAULT 0 NOT NULL,
	"topup_used" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quota_balances_check" CHECK ("quota_balances"."period_used" >= 0 AND "quota_balances"."topup_left" >= 0 AND "quota_balances"."topup_used" >= 0
        AND ("quota_balances"."period_units" IS NULL OR "quota_balances"."period_used" <= "quota_balances"."period_units"))
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"package_id" uuid NOT NULL,
	"status" text NOT NULL,
	"cycle" text DEFAULT 'monthly' NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"grace_until" timestamp with time zone,
	"next_package_id" uuid,
	"next_cycle" text,
	"suspended_from" text,
	"suspended_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_period_check" CHECK ("subscriptions"."period_end" > "subscriptions"."period_start")
);
--> statement-breakpoint
CREATE TABLE "topup_packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"units" integer NOT NULL,
	"price" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topup_packs_amounts_check" CHECK ("topup_packs"."units" > 0 AND "topup_packs"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "platform_admins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"admin_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "owner_disabled_modules" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "package_disabled_modules" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Data (issue 14): the owner's switches move to their own column; disabled_modules becomes both together.
UPDATE "tenants" SET "owner_disabled_modules" = "disabled_modules";--> statement-breakpoint
ALTER TABLE "tenants" DROP COLUMN "disabled_modules";--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "disabled_modules" text[] GENERATED ALWAYS AS (array_cat(owner_disabled_modules, package_disabled_modules)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "send_block" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_topup_pack_id_topup_packs_id_fk" FOREIGN KEY ("topup_pack_id") REFERENCES "public"."topup_packs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_balances" ADD CONSTRAINT "quota_balances_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_next_package_id_packages_id_fk" FOREIGN KEY ("next_package_id") REFERENCES "public"."packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_sessions" ADD CONSTRAINT "platform_sessions_admin_id_platform_admins_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."platform_admins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_unique" ON "invoices" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_payment_unique" ON "invoices" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "invoices_tenant_idx" ON "invoices" USING btree ("tenant_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "packages_code_unique" ON "packages" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "packages_one_trial" ON "packages" USING btree ("is_trial") WHERE "packages"."is_trial";--> statement-breakpoint
CREATE UNIQUE INDEX "payments_order_id_unique" ON "payments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payments_tenant_idx" ON "payments" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "subscriptions_period_end_idx" ON "subscriptions" USING btree ("period_end");--> statement-breakpoint
CREATE UNIQUE INDEX "topup_packs_code_unique" ON "topup_packs" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_admins_email_unique" ON "platform_admins" USING btree ("email");--> statement-breakpoint
CREATE INDEX "platform_sessions_admin_idx" ON "platform_sessions" USING btree ("admin_id");--> statement-breakpoint
-- Data (issue 14): the packages and top-up packs a new SaaS platform offers (docs/billing.md says why these figures; the platform admin edits them).
INSERT INTO "packages" ("code", "name", "price_monthly", "price_yearly", "message_quota", "numbers_limit", "staff_limit", "contacts_limit", "modules", "is_trial", "trial_days", "sort") VALUES
  ('trial', 'Trial', 0, 0, 100, 1, 2, 500, ARRAY['broadcast','inbox','automation','commerce','reminders','reports'], true, 14, 0),
  ('basic', 'Basic', 149000, 1490000, 2000, 1, 3, 5000, ARRAY['broadcast','inbox','automation','reports'], false, NULL, 1),
  ('pro', 'Pro', 399000, 3990000, 10000, 3, 10, 50000, ARRAY['broadcast','inbox','automation','commerce','reminders','reports'], false, NULL, 2),
  ('bisnis', 'Bisnis', 999000, 9990000, 50000, 10, 30, NULL, ARRAY['broadcast','inbox','automation','commerce','reminders','reports'], false, NULL, 3);--> statement-breakpoint
INSERT INTO "topup_packs" ("code", "name", "units", "price") VALUES
  ('topup-1000', '1.000 pesan', 1000, 75000),
  ('topup-5000', '5.000 pesan', 5000, 300000);

/** Statements of the tenants module. */
import { count, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { tenants } from "../../db/schema/index.js";
import { disabledSet, KABAR_MODULES, type KabarModule } from "../../lib/modules.js";

/** How many tenants (shops) exist. */
export async function tenantCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tenants);
  return row?.n ?? 0;
}

/** Creates a tenant with the defaults of the schema (time zone, opt-out keywords, locale). @returns its id */
export async function insertTenant(db: Db, name: string): Promise<string> {
  const [row] = await db.insert(tenants).values({ name }).returning({ id: tenants.id });
  return row!.id;
}

/** A stored tenant (shop). */
type TenantRow = typeof tenants.$inferSelect;

/** The tenant `id`, or undefined when there is none. */
export async function tenantById(db: Db, id: string): Promise<TenantRow | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
  return row;
}

/** The IANA time zone of tenant `id` (e.g. "Asia/Jakarta"), undefined when there is no such tenant. */
export async function tenantTimeZone(db: Db, id: string): Promise<string | undefined> {
  const [t] = await db.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, id));
  return t?.timeZone;
}

/**
 * What a campaign of tenant `id` needs to know of its shop: the time zone, the language and
 * the warm window in days (see tenants.warm_days); undefined when there is no such tenant.
 */
export async function tenantCampaignSettings(
  db: Db,
  id: string,
): Promise<{ timeZone: string; locale: string; warmDays: number } | undefined> {
  const [t] = await db
    .select({ timeZone: tenants.timeZone, locale: tenants.locale, warmDays: tenants.warmDays })
    .from(tenants)
    .where(eq(tenants.id, id));
  return t;
}

/** Changes the given settings of tenant `id` (fields left out stay as they are). */
export async function updateTenant(
  db: Db,
  id: string,
  patch: Partial<
    Pick<
      TenantRow,
      | "name"
      | "timeZone"
      | "optOutKeywords"
      | "locale"
      | "warmDays"
      | "ownerDisabledModules"
      | "auditRetentionDays"
    >
  >,
): Promise<void> {
  if (Object.keys(patch).length > 0) await db.update(tenants).set(patch).where(eq(tenants.id, id));
}

/**
 * The modules switched on for tenant `id` (src/lib/modules.ts): every module but those the
 * owner switched off; none for an unknown tenant. Jobs ask this before working for a shop
 * (one primary-key read; requests get the same from the session's own query).
 */
async function enabledModules(db: Db | Tx, id: string): Promise<ReadonlySet<KabarModule>> {
  const [t] = await db
    .select({ disabledModules: tenants.disabledModules })
    .from(tenants)
    .where(eq(tenants.id, id));
  if (!t) return new Set();
  const off = disabledSet(t.disabledModules);
  return new Set(KABAR_MODULES.filter((m) => !off.has(m)));
}

/** Whether tenant `id` has `module` switched on (false for an unknown tenant). */
export async function moduleEnabled(db: Db | Tx, id: string, module: KabarModule): Promise<boolean> {
  return (await enabledModules(db, id)).has(module);
}

/** Statements of the tenants module. */
import { count } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { tenants } from "../../db/schema/index.js";

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

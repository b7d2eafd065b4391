import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";

/** What a package limits, counted now (SaaS mode). */
export interface ShopUsage {
  /** WhatsApp numbers (channels) of the shop. */
  numbers: number;
  /** Staff who can sign in (active users, the owner included). */
  staff: number;
  /** Contacts. */
  contacts: number;
}

/** The shop's numbers, active staff and contacts, in one statement. */
export async function shopUsage(db: Db | Tx, tenantId: string): Promise<ShopUsage> {
  const r = await db.execute<{ numbers: number; staff: number; contacts: number }>(sql`
    SELECT (SELECT count(*)::int FROM channels WHERE tenant_id = ${tenantId}) AS numbers,
      (SELECT count(*)::int FROM users WHERE tenant_id = ${tenantId} AND deactivated_at IS NULL) AS staff,
      (SELECT count(*)::int FROM contacts WHERE tenant_id = ${tenantId}) AS contacts`);
  return r.rows[0] ?? { numbers: 0, staff: 0, contacts: 0 };
}

import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";

/** A limit a package sets on what a shop creates (SaaS mode). */
export type LimitName = "numbers" | "staff" | "contacts";

const COLUMN = { numbers: sql`p.numbers_limit`, staff: sql`p.staff_limit`, contacts: sql`p.contacts_limit` };

const COUNT = {
  numbers: (t: string) => sql`SELECT count(*)::int FROM channels WHERE tenant_id = ${t}`,
  staff: (t: string) =>
    sql`SELECT count(*)::int FROM users WHERE tenant_id = ${t} AND deactivated_at IS NULL`,
  contacts: (t: string) => sql`SELECT count(*)::int FROM contacts WHERE tenant_id = ${t}`,
};

/**
 * Takes the shop's lock for `limit` until the transaction ends (an advisory lock: creations
 * of one kind in one shop queue behind each other, nothing else waits), then answers the
 * package's limit and the count now, or null when the shop is unlimited (no subscription —
 * single mode or a shop from before SaaS mode — or a null limit).
 */
export async function lockedRoom(
  tx: Db | Tx,
  tenantId: string,
  limit: LimitName,
): Promise<{ allowed: number; used: number } | null> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`limit:${limit}:${tenantId}`}))`);
  const r = await tx.execute<{ allowed: number | null; used: number }>(sql`
    SELECT ${COLUMN[limit]} AS allowed, (${COUNT[limit](tenantId)}) AS used
    FROM subscriptions s JOIN packages p ON p.id = s.package_id WHERE s.tenant_id = ${tenantId}`);
  const row = r.rows[0];
  if (!row || row.allowed === null) return null;
  return { allowed: row.allowed, used: row.used };
}

/** The shop's numbers and active staff by name (what a downgrade asks to remove), oldest first. */
export async function numbersAndStaff(
  db: Db | Tx,
  tenantId: string,
): Promise<{ numbers: { id: string; name: string }[]; staff: { id: string; name: string; role: string }[] }> {
  const n = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM channels WHERE tenant_id = ${tenantId} ORDER BY created_at, id`,
  );
  const s = await db.execute<{ id: string; name: string; role: string }>(sql`
    SELECT id, name, role FROM users WHERE tenant_id = ${tenantId} AND deactivated_at IS NULL ORDER BY created_at, id`);
  return { numbers: n.rows, staff: s.rows };
}

/** Sets or clears the subscription's scheduled package change (a downgrade at the period's end). */
export async function setNextPackage(
  db: Db | Tx,
  tenantId: string,
  next: { packageId: string; cycle: "monthly" | "yearly" } | null,
): Promise<void> {
  await db.execute(sql`UPDATE subscriptions SET next_package_id = ${next?.packageId ?? null},
    next_cycle = ${next?.cycle ?? null}, updated_at = now() WHERE tenant_id = ${tenantId}`);
}

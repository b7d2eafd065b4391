/**
 * Statements of the contacts module on `contacts`: the list, export, labels and attribute
 * counts, and the writes of one contact; the rules (phones, labels, names) live in `../service.ts`.
 */
import { and, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import { channels, contacts } from "../../../db/schema/index.js";
import type { ContactFilters } from "../schemas.js";
import { ALL_CONTACTS, contactWhere } from "./filters.js";

/** A stored contact. */
export type ContactRow = typeof contacts.$inferSelect;
/** Columns of a contact a new row is stored with. */
export type ContactInsert = typeof contacts.$inferInsert;
/** Columns of a contact an edit sets. */
export type ContactPatch = Partial<ContactInsert>;

/** The tenant's contact `id` within the outlet `scope` (filters.ts `contactScope`), or null when it is not in them. */
export async function contactById(
  db: Db,
  tenantId: string,
  id: string,
  scope: SQL = ALL_CONTACTS,
): Promise<ContactRow | null> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id), scope));
  return row ?? null;
}

/**
 * Page `page` (from 1) of `pageSize` contacts matching the filters, newest first, and how
 * many match in all (two statements run side by side).
 */
export async function contactPage(
  db: Db,
  tenantId: string,
  filters: ContactFilters,
  page: number,
  pageSize: number,
  scope: SQL,
): Promise<{ rows: ContactRow[]; total: number }> {
  const cond = contactWhere(tenantId, filters, scope);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(contacts)
      .where(cond)
      .orderBy(desc(contacts.createdAt), desc(contacts.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(contacts).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/**
 * Up to `limit` contacts matching the filters, newest first, after the contact `after`
 * (created time and id, keyset order) or from the newest when it is undefined.
 */
export function contactsAfter(
  db: Db,
  tenantId: string,
  filters: ContactFilters,
  after: { createdAt: Date; id: string } | undefined,
  limit: number,
  scope: SQL,
): Promise<ContactRow[]> {
  const cond = contactWhere(tenantId, filters, scope);
  return db
    .select()
    .from(contacts)
    .where(
      after
        ? and(
            cond,
            sql`(${contacts.createdAt}, ${contacts.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
          )
        : cond,
    )
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(limit);
}

/** Attribute keys in use among the tenant's contacts matching the filters, with their contact counts, by key. */
export async function attributeKeyCounts(
  db: Db,
  tenantId: string,
  filters: ContactFilters,
  scope: SQL,
): Promise<Array<{ key: string; count: number }>> {
  const r = await db.execute<{ key: string; count: number }>(sql`
        SELECT k AS key, count(*)::int AS count FROM ${contacts}, jsonb_object_keys(${contacts.attributes}) k
        WHERE ${contactWhere(tenantId, filters, scope)} GROUP BY k ORDER BY k`);
  return r.rows;
}

/** Which of these E.164 phones the tenant already has as contacts (an import merges them: they count against no limit). */
export async function existingPhones(
  db: Db | Tx,
  tenantId: string,
  phones: readonly string[],
): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const rows = await db
    .select({ phone: contacts.phone })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.phone, [...phones])));
  return new Set(rows.map((r) => r.phone));
}

/** Stores a new contact. @returns the row, or null when the tenant already has its phone */
export async function insertContact(db: Db, values: ContactInsert): Promise<ContactRow | null> {
  const [row] = await db.insert(contacts).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/**
 * Locks the tenant's contact `id` for the rest of the transaction `db` and tells whether it
 * is opted out now, so two opt-outs at once record (and announce) only one.
 * @returns undefined when the contact is not in the tenant
 */
export async function lockOptedOut(db: Db, tenantId: string, id: string): Promise<boolean | undefined> {
  const [row] = await db
    .select({ optedOut: contacts.optedOut })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)))
    .for("update");
  return row?.optedOut;
}

/**
 * Applies `patch` to the tenant's contact `id`. @returns the row as it is now
 * @throws the database's unique violation (23505) when the new phone is another contact's
 */
export async function updateContact(
  db: Db,
  tenantId: string,
  id: string,
  patch: ContactPatch,
): Promise<ContactRow | undefined> {
  const [row] = await db
    .update(contacts)
    .set(patch)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)))
    .returning();
  return row;
}

/** Deletes the tenant's contacts among `ids`. @returns how many were deleted */
export async function deleteContacts(
  db: Db | Tx,
  tenantId: string,
  ids: string[],
  scope: SQL,
): Promise<Array<{ id: string; homeOutletId: string | null }>> {
  return db
    .delete(contacts)
    .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.id, ids), scope))
    .returning({ id: contacts.id, homeOutletId: contacts.homeOutletId });
}

/**
 * Adds the labels `add` and takes away `remove` on the tenant's contacts among `ids` (each
 * contact's labels kept distinct). @returns how many contacts were updated
 */
export async function relabelContacts(
  db: Db,
  tenantId: string,
  ids: string[],
  add: string[],
  remove: string[],
  scope: SQL,
): Promise<number> {
  const rows = await db
    .update(contacts)
    .set({
      labels: sql`ARRAY(SELECT DISTINCT l FROM unnest(${contacts.labels} || ${sql.param(add)}::text[]) l WHERE NOT l = ANY(${sql.param(remove)}::text[]))`,
      updatedAt: new Date(),
    })
    .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.id, ids), scope))
    .returning({ id: contacts.id });
  return rows.length;
}

/** Every label in use in the tenant with its contact count, by label. */
export async function labelCounts(
  db: Db,
  tenantId: string,
  scope: SQL,
): Promise<Array<{ label: string; count: number }>> {
  const r = await db.execute<{ label: string; count: number }>(sql`
        SELECT l AS label, count(*)::int AS count FROM ${contacts}, unnest(${contacts.labels}) l
        WHERE ${contacts.tenantId} = ${tenantId} AND ${scope} GROUP BY l ORDER BY l`);
  return r.rows;
}

/**
 * Gives the tenant's contact `contactId` the outlet of channel `channelId` as its home when
 * it has none yet (issue 13: the number that first talked to them). Called once per new
 * conversation by the inbox's intake, never per message.
 */
export async function setHomeOutletIfNone(
  db: Db,
  input: { tenantId: string; contactId: string; channelId: string },
): Promise<void> {
  await db
    .update(contacts)
    .set({
      homeOutletId: sql`(SELECT ${channels.outletId} FROM ${channels} WHERE ${channels.id} = ${input.channelId} AND ${channels.tenantId} = ${input.tenantId})`,
    })
    .where(
      and(
        eq(contacts.tenantId, input.tenantId),
        eq(contacts.id, input.contactId),
        sql`${contacts.homeOutletId} IS NULL`,
      ),
    );
}

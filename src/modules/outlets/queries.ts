/**
 * Statements of the outlets module (owner of `outlets`, `user_outlets`, `contact_outlets`),
 * and the outlet scope other modules' queries put in their WHERE (issue 13).
 */
import { and, asc, count, eq, inArray, SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../../db/client.js";
import { channels, contactOutlets, orders, outlets, userOutlets, users } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";

/** A stored outlet. */
export type OutletRow = typeof outlets.$inferSelect;

/** The fields of an outlet a shop writes. */
type OutletFields = Pick<OutletRow, "name" | "address" | "city" | "province" | "phone">;

const TRUE = sql`TRUE`;

/**
 * The outlet scope of `column`, an outlet id column (or an SQL expression of one, e.g.
 * ``sql`o.outlet_id` `` under an alias): TRUE for an actor of every outlet (`outletIds`
 * absent: nothing to pay), else `column IN (the actor's outlets)`.
 */
export function outletInScope(actor: Actor, column: AnyPgColumn | SQL): SQL {
  if (!actor.outletIds) return TRUE;
  if (actor.outletIds.length === 0) return sql`FALSE`;
  return column instanceof SQL
    ? inArray(column, [...actor.outletIds])
    : inArray(column, [...actor.outletIds]);
}

/** The outlets the actor works in, as a condition on `outlets.id` (TRUE for every outlet). */
export function ownOutlets(actor: Actor): SQL {
  return outletInScope(actor, outlets.id);
}

/**
 * The outlet scope of `column`, a channel id column: TRUE for an actor of every outlet, else
 * `column IN (SELECT id FROM channels WHERE outlet_id IN (the actor's outlets))`.
 */
export function channelInScope(actor: Actor, column: AnyPgColumn | SQL): SQL {
  if (!actor.outletIds) return TRUE;
  return sql`${column} IN (SELECT ${channels.id} FROM ${channels} WHERE ${outletInScope(actor, channels.outletId)})`;
}

/**
 * The outlet scope of a contact: TRUE for an actor of every outlet, else the contact's home
 * outlet is one of the actor's, or it is a customer of one of them (`contact_outlets`).
 * @param contactId the contact id column; @param homeOutletId its `home_outlet_id` column
 */
export function contactInScope(actor: Actor, contactId: AnyPgColumn, homeOutletId: AnyPgColumn): SQL {
  if (!actor.outletIds) return TRUE;
  return sql`(${outletInScope(actor, homeOutletId)} OR EXISTS (SELECT 1 FROM ${contactOutlets} WHERE ${contactOutlets.contactId} = ${contactId} AND ${outletInScope(actor, contactOutlets.outletId)}))`;
}

/**
 * Whether the user `userId` works at the outlet of number `channelId`: they are limited to no
 * outlet, or to that one among theirs (who may be given, or take, a conversation of that number).
 */
export function worksAtChannel(userId: SQL | AnyPgColumn, channelId: SQL | string): SQL {
  return sql`(NOT EXISTS (SELECT 1 FROM ${userOutlets} WHERE ${userOutlets.userId} = ${userId})
    OR EXISTS (SELECT 1 FROM ${userOutlets} JOIN ${channels} ON ${channels.outletId} = ${userOutlets.outletId}
      WHERE ${userOutlets.userId} = ${userId} AND ${channels.id} = ${channelId}))`;
}

/**
 * The outlet scope of a user (staff): TRUE for an actor of every outlet, else the user works
 * in one of the actor's outlets, or in every outlet (no `user_outlets` row: they work there too).
 * @param userId the user id column (or SQL naming it)
 */
export function userInScope(actor: Actor, userId: AnyPgColumn | SQL): SQL {
  if (!actor.outletIds) return TRUE;
  return sql`(NOT EXISTS (SELECT 1 FROM ${userOutlets} WHERE ${userOutlets.userId} = ${userId}) OR EXISTS (SELECT 1 FROM ${userOutlets} WHERE ${userOutlets.userId} = ${userId} AND ${outletInScope(actor, userOutlets.outletId)}))`;
}

/**
 * The customers of `outletIds` (homed in one, or a `contact_outlets` row in one), for raw
 * SQL over contacts: `contact` names the contact's id and home outlet expressions (e.g.
 * `c.id`, `c.home_outlet_id`). The campaign audience `outlet` and a limited actor's stamp use it.
 */
export function customersOfOutlets(outletIds: readonly string[], contact: { id: SQL; home: SQL }): SQL {
  const ids = sql`${sql.param([...outletIds])}::uuid[]`;
  return sql`(${contact.home} = ANY(${ids}) OR EXISTS (SELECT 1 FROM ${contactOutlets} WHERE ${contactOutlets.contactId} = ${contact.id} AND ${contactOutlets.outletId} = ANY(${ids})))`;
}

/** The outlets a user is limited to, as `text[]` (NULL: every outlet), for the session's read of its user. */
export function outletIdsOfUser(userId: AnyPgColumn): SQL<string[] | null> {
  return sql<
    string[] | null
  >`(SELECT array_agg(${userOutlets.outletId}::text ORDER BY ${userOutlets.outletId}) FROM ${userOutlets} WHERE ${userOutlets.userId} = ${userId})`;
}

/** The ids of the actor's numbers (channels on its outlets); null for an actor of every outlet (no filter). */
export async function channelIdsInScope(db: Db, actor: Actor): Promise<ReadonlySet<string> | null> {
  if (!actor.outletIds) return null;
  const rows = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.tenantId, actor.tenantId), outletInScope(actor, channels.outletId)));
  return new Set(rows.map((r) => r.id));
}

/** The shop's outlets in `scope` (every outlet when absent), oldest first. */
export function outletsOf(db: Db, tenantId: string, scope: SQL = TRUE): Promise<OutletRow[]> {
  return db
    .select()
    .from(outlets)
    .where(and(eq(outlets.tenantId, tenantId), scope))
    .orderBy(asc(outlets.createdAt), asc(outlets.id));
}

/** One outlet of the shop within `scope`, or undefined. */
export async function outletOf(
  db: Db | Tx,
  tenantId: string,
  id: string,
  scope: SQL = TRUE,
): Promise<OutletRow | undefined> {
  const [row] = await db
    .select()
    .from(outlets)
    .where(and(eq(outlets.tenantId, tenantId), eq(outlets.id, id), scope));
  return row;
}

/** Of `ids`, those that are outlets of the shop. */
export async function knownOutletIds(
  db: Db | Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: outlets.id })
    .from(outlets)
    .where(and(eq(outlets.tenantId, tenantId), inArray(outlets.id, [...ids])));
  return rows.map((r) => r.id);
}

/** Inserts an outlet unless the shop has one of that name. @returns the row, or null when the name is taken */
export async function insertOutlet(
  db: Db | Tx,
  input: { tenantId: string } & Partial<OutletFields> & { name: string },
): Promise<OutletRow | null> {
  const [row] = await db
    .insert(outlets)
    .values(input)
    .onConflictDoNothing({ target: [outlets.tenantId, outlets.name] })
    .returning();
  return row ?? null;
}

/** Changes an outlet. @throws the database's unique violation (23505) when the new name is taken */
export async function updateOutlet(
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<OutletFields>,
): Promise<OutletRow | undefined> {
  if (Object.keys(patch).length === 0) return outletOf(db, tenantId, id);
  const [row] = await db
    .update(outlets)
    .set(patch)
    .where(and(eq(outlets.tenantId, tenantId), eq(outlets.id, id)))
    .returning();
  return row;
}

/**
 * What keeps outlet `id` of the shop from being deleted: its numbers (channels), the staff
 * limited to it, its orders (their outlet is required), and how many outlets the shop has.
 */
export async function outletUsage(
  db: Db,
  tenantId: string,
  id: string,
): Promise<{ channels: number; users: number; orders: number; outlets: number }> {
  const [row] = await db
    .select({
      channels: sql<number>`(SELECT count(*)::int FROM ${channels} WHERE ${channels.tenantId} = ${tenantId} AND ${channels.outletId} = ${id})`,
      orders: sql<number>`(SELECT count(*)::int FROM ${orders} WHERE ${orders.tenantId} = ${tenantId} AND ${orders.outletId} = ${id})`,
      users: sql<number>`(SELECT count(*)::int FROM ${userOutlets} WHERE ${userOutlets.outletId} = ${id})`,
      outlets: count(),
    })
    .from(outlets)
    .where(eq(outlets.tenantId, tenantId));
  return row!;
}

/** Deletes an outlet. @returns whether it existed. @throws the database's foreign-key violation (23503) while a number, a user or an order needs it */
export async function deleteOutlet(db: Db, tenantId: string, id: string): Promise<boolean> {
  const gone = await db
    .delete(outlets)
    .where(and(eq(outlets.tenantId, tenantId), eq(outlets.id, id)))
    .returning({ id: outlets.id });
  return gone.length > 0;
}

/** The outlets each of `userIds` is limited to (a user missing from the map works in every outlet). */
export async function outletsOfUsers(
  db: Db | Tx,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select()
    .from(userOutlets)
    .where(inArray(userOutlets.userId, [...userIds]))
    .orderBy(asc(userOutlets.outletId));
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.outletId]);
  return byUser;
}

/**
 * Replaces the outlets user `userId` of the shop is limited to (`[]`: every outlet), in one
 * transaction (a savepoint inside the caller's): never "every outlet" in between.
 */
export async function setUserOutlets(
  db: Db | Tx,
  tenantId: string,
  userId: string,
  outletIds: readonly string[],
) {
  await db.transaction(async (tx) => {
    await tx
      .delete(userOutlets)
      .where(
        and(
          eq(userOutlets.userId, userId),
          sql`${userOutlets.userId} IN (SELECT ${users.id} FROM ${users} WHERE ${users.tenantId} = ${tenantId})`,
        ),
      );
    if (outletIds.length > 0)
      await tx
        .insert(userOutlets)
        .values(outletIds.map((outletId) => ({ userId, outletId })))
        .onConflictDoNothing();
  });
}

/**
 * The intake statement's part (src/modules/inbox/queries/intake.ts) that records contact
 * `contactId` as a customer of the outlet of channel `channelId` when `when` holds (a
 * conversation was created): an INSERT for a data-modifying CTE, idempotent.
 */
export function contactOutletInsert(
  input: { tenantId: string; contactId: string; channelId: string },
  when: SQL,
): SQL {
  return sql`
    INSERT INTO ${contactOutlets} (tenant_id, contact_id, outlet_id)
    SELECT ${input.tenantId}::uuid, ${input.contactId}::uuid, ${channels.outletId} FROM ${channels}
    WHERE ${channels.id} = ${input.channelId} AND ${when}
    ON CONFLICT DO NOTHING`;
}

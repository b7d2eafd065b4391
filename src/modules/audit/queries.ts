/** Statements of the audit module (the `audit_log` table's owner). */
import { and, desc, eq, gte, inArray, like, lt, type SQL, sql } from "drizzle-orm";
import { executeNamed } from "../../db/named.js";
import type { Db } from "../../db/client.js";
import {
  apiKeys,
  auditLog,
  campaigns,
  channels,
  contacts,
  conversations,
  orders,
  outlets,
  roles,
  tenants,
  userOutlets,
  users,
} from "../../db/schema/index.js";
import type { AuditChanges } from "./redact.js";
import type { AuditFilters } from "./schemas.js";

/** What one entry records; the actor's name (and a custom role's name) are read from their rows in the same statement. */
interface NewAuditRow {
  tenantId: string;
  actorUserId: string | null;
  actorRole: string;
  apiKeyId: string | null;
  /** The outlets the actor works in (Actor.outletIds); absent or empty: every outlet (recorded as null). */
  actorOutletIds?: readonly string[];
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  /** The target's outlet when the caller knows it (a deleted row's); else read from the target's row when its kind has one. */
  targetOutletId?: string | null;
  changes: AuditChanges | null;
  ip: string | null;
  userAgent: string | null;
  source: "http" | "cli" | "job";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The outlet of a target by its kind (singular, or the route's plural word the HTTP safety
 * net names it by): a number's outlet, a contact's home, a conversation's or a campaign's
 * number's, an order's, an outlet itself. Other kinds (the shop's settings, roles, users…)
 * belong to no outlet.
 */
const OUTLET_OF: Record<string, (tenantId: string, id: string) => SQL> = {
  channel: (t, id) =>
    sql`(select ${channels.outletId} from ${channels} where ${channels.id} = ${id} and ${channels.tenantId} = ${t})`,
  contact: (t, id) =>
    sql`(select ${contacts.homeOutletId} from ${contacts} where ${contacts.id} = ${id} and ${contacts.tenantId} = ${t})`,
  conversation: (t, id) =>
    sql`(select ${channels.outletId} from ${conversations} join ${channels} on ${channels.id} = ${conversations.channelId} where ${conversations.id} = ${id} and ${conversations.tenantId} = ${t})`,
  campaign: (t, id) =>
    sql`(select ${channels.outletId} from ${campaigns} join ${channels} on ${channels.id} = ${campaigns.channelId} where ${campaigns.id} = ${id} and ${campaigns.tenantId} = ${t})`,
  order: (t, id) =>
    sql`(select ${orders.outletId} from ${orders} where ${orders.id} = ${id} and ${orders.tenantId} = ${t})`,
  outlet: (t, id) =>
    sql`(select ${outlets.id} from ${outlets} where ${outlets.id} = ${id} and ${outlets.tenantId} = ${t})`,
};

/** The target's outlet as the insert writes it: the given one, else its row's (null when neither). */
function targetOutlet(row: NewAuditRow): SQL | string | null {
  if (row.targetOutletId !== undefined) return row.targetOutletId;
  const kind = row.targetType.replace(/s$/, "");
  const of = OUTLET_OF[kind];
  return of && row.targetId && UUID.test(row.targetId) ? of(row.tenantId, row.targetId) : null;
}

/** A stored entry. */
export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Appends an entry. The actor's name is copied from the user (or the API key) now, a
 * custom role's name replaces `custom`, and the names of the outlets the actor works in
 * ("Bandung, Bogor"; null: every outlet) are copied too, so the entry survives a rename or
 * deletion. The target's outlet is the given one or read from the target's row
 * ({@link OUTLET_OF}) in the same statement.
 */
export async function insertAuditEntry(db: Db, { actorOutletIds, ...row }: NewAuditRow): Promise<void> {
  const targetOutletId = targetOutlet(row);
  const userName = sql`(select ${users.name} from ${users} where ${users.id} = ${row.actorUserId})`;
  const keyName = sql`(select ${apiKeys.name} from ${apiKeys} where ${apiKeys.id} = ${row.apiKeyId})`;
  const customRole = sql`(select ${roles.name} from ${users} join ${roles} on ${roles.id} = ${users.roleId} where ${users.id} = ${row.actorUserId})`;
  const outletNames = actorOutletIds?.length
    ? sql`(select string_agg(${outlets.name}, ', ' order by ${outlets.name}) from ${outlets}
        where ${outlets.tenantId} = ${row.tenantId} and ${outlets.id} = any(${sql.param([...actorOutletIds])}::uuid[]))`
    : null;
  const insert = db.insert(auditLog).values({
    ...row,
    targetOutletId,
    actorOutlet: outletNames,
    actorName: row.apiKeyId ? keyName : row.actorUserId ? userName : null,
    actorRole: row.actorRole === "custom" ? sql`coalesce(${customRole}, 'custom')` : row.actorRole,
  });
  // A named prepared statement: planned once per connection and shape (every order writes one).
  await executeNamed(db, "audit_insert", insert.getSQL());
}

/** The shop's time zone and language, for the export (null: no such shop). */
export async function shopZoneAndLanguage(
  db: Db,
  tenantId: string,
): Promise<{ timeZone: string; locale: string } | null> {
  const [row] = await db
    .select({ timeZone: tenants.timeZone, locale: tenants.locale })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row ?? null;
}

/**
 * Entries about the outlets `ids`: their target belongs to one of them, or their actor works
 * in one of them (now: `user_outlets`), so a branch's manager sees what was done to the
 * branch's things and everything the branch's staff did (sign-ins too).
 */
function aboutOutlets(ids: readonly string[]): SQL {
  const list = sql.param([...ids]);
  return sql`(${auditLog.targetOutletId} = any(${list}::uuid[]) or ${auditLog.actorUserId} in (
    select ${userOutlets.userId} from ${userOutlets} where ${userOutlets.outletId} = any(${list}::uuid[])))`;
}

/**
 * A target kind as services write it (`contact`) and as the HTTP safety net does (the
 * route's word, `contacts`): a filter on either finds both.
 */
function kindForms(kind: string): string[] {
  return [kind, kind.endsWith("s") ? kind.slice(0, -1) : `${kind}s`];
}

/**
 * The WHERE of a shop's entries under `f`, within `scope`: the outlets the reader works in,
 * or the one their `outletId` filter names (absent: every outlet, the whole log).
 */
function matching(tenantId: string, f: AuditFilters, scope?: readonly string[]): SQL {
  const action = f.action?.endsWith(".")
    ? like(auditLog.action, `${f.action.replace(/[\\%_]/g, "\\$&")}%`)
    : f.action !== undefined
      ? eq(auditLog.action, f.action)
      : undefined;
  return and(
    eq(auditLog.tenantId, tenantId),
    f.userId ? eq(auditLog.actorUserId, f.userId) : undefined,
    action,
    f.targetType ? inArray(auditLog.targetType, kindForms(f.targetType)) : undefined,
    f.targetId ? eq(auditLog.targetId, f.targetId) : undefined,
    f.from ? gte(auditLog.at, new Date(f.from)) : undefined,
    f.to ? lt(auditLog.at, new Date(f.to)) : undefined,
    scope ? aboutOutlets(scope) : undefined,
  )!;
}

/**
 * Up to `limit` of the shop's entries under `f` within `scope` (the reader's outlets; absent:
 * all), newest first (by time, then id: the order of the index `audit_log_tenant_at_idx`),
 * after the entry `beforeId` in that order when given (none when the shop has no such entry).
 */
export async function auditEntries(
  db: Db,
  tenantId: string,
  f: AuditFilters,
  limit: number,
  beforeId?: bigint,
  scope?: readonly string[],
): Promise<AuditRow[]> {
  const after =
    beforeId === undefined
      ? undefined
      : sql`(${auditLog.at}, ${auditLog.id}) < (select c.at, c.id from ${auditLog} c where c.id = ${beforeId} and c.tenant_id = ${tenantId})`;
  return db
    .select()
    .from(auditLog)
    .where(and(matching(tenantId, f, scope), after))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

/**
 * The people with entries in the shop's log within `scope`, by name (each as last recorded): the
 * audit page's person filter, which must not need `users.read`.
 */
export async function auditActors(
  db: Db,
  tenantId: string,
  scope?: readonly string[],
): Promise<Array<{ userId: string; name: string | null }>> {
  const rows = await db
    .selectDistinctOn([auditLog.actorUserId], { userId: auditLog.actorUserId, name: auditLog.actorName })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        sql`${auditLog.actorUserId} is not null`,
        scope ? aboutOutlets(scope) : undefined,
      ),
    )
    .orderBy(auditLog.actorUserId, desc(auditLog.at));
  return rows
    .map((r) => ({ userId: r.userId!, name: r.name }))
    .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "id"));
}

/**
 * Deletes every entry older than its shop's retention (`tenants.audit_retention_days`) as
 * of `now`, in a transaction that tells the append-only trigger this is the sweep.
 * @returns how many entries were deleted
 */
export async function deleteExpiredAuditEntries(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL kabar.audit_retention = 'on'`);
    const gone = await tx.execute(sql`
      DELETE FROM ${auditLog} a USING ${tenants} t
      WHERE a.tenant_id = t.id AND a.at < ${now.toISOString()}::timestamptz - make_interval(days => t.audit_retention_days)`);
    return gone.rowCount ?? 0;
  });
}

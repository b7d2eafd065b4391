/** Statements of the audit module (the `audit_log` table's owner). */
import { and, desc, eq, gte, like, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { apiKeys, auditLog, outlets, roles, tenants, users } from "../../db/schema/index.js";
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
  changes: AuditChanges | null;
  ip: string | null;
  userAgent: string | null;
  source: "http" | "cli" | "job";
}

/** A stored entry. */
export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Appends an entry. The actor's name is copied from the user (or the API key) now, a
 * custom role's name replaces `custom`, and the names of the outlets the actor works in
 * ("Bandung, Bogor"; null: every outlet) are copied too, so the entry survives a rename or
 * deletion.
 */
export async function insertAuditEntry(db: Db, { actorOutletIds, ...row }: NewAuditRow): Promise<void> {
  const userName = sql`(select ${users.name} from ${users} where ${users.id} = ${row.actorUserId})`;
  const keyName = sql`(select ${apiKeys.name} from ${apiKeys} where ${apiKeys.id} = ${row.apiKeyId})`;
  const customRole = sql`(select ${roles.name} from ${users} join ${roles} on ${roles.id} = ${users.roleId} where ${users.id} = ${row.actorUserId})`;
  const outletNames = actorOutletIds?.length
    ? sql`(select string_agg(${outlets.name}, ', ' order by ${outlets.name}) from ${outlets}
        where ${outlets.tenantId} = ${row.tenantId} and ${outlets.id} = any(${sql.param([...actorOutletIds])}::uuid[]))`
    : null;
  await db.insert(auditLog).values({
    ...row,
    actorOutlet: outletNames,
    actorName: row.apiKeyId ? keyName : row.actorUserId ? userName : null,
    actorRole: row.actorRole === "custom" ? sql`coalesce(${customRole}, 'custom')` : row.actorRole,
  });
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

/** The WHERE of a shop's entries under `f`. */
function matching(tenantId: string, f: AuditFilters): SQL {
  const action = f.action?.endsWith(".")
    ? like(auditLog.action, `${f.action.replace(/[\\%_]/g, "\\$&")}%`)
    : f.action !== undefined
      ? eq(auditLog.action, f.action)
      : undefined;
  return and(
    eq(auditLog.tenantId, tenantId),
    f.userId ? eq(auditLog.actorUserId, f.userId) : undefined,
    action,
    f.targetType ? eq(auditLog.targetType, f.targetType) : undefined,
    f.targetId ? eq(auditLog.targetId, f.targetId) : undefined,
    f.from ? gte(auditLog.at, new Date(f.from)) : undefined,
    f.to ? lt(auditLog.at, new Date(f.to)) : undefined,
  )!;
}

/**
 * Up to `limit` of the shop's entries under `f`, newest first (by time, then id: the order of
 * the index `audit_log_tenant_at_idx`), after the entry `beforeId` in that order when given
 * (none when the shop has no such entry).
 */
export async function auditEntries(
  db: Db,
  tenantId: string,
  f: AuditFilters,
  limit: number,
  beforeId?: bigint,
): Promise<AuditRow[]> {
  const after =
    beforeId === undefined
      ? undefined
      : sql`(${auditLog.at}, ${auditLog.id}) < (select c.at, c.id from ${auditLog} c where c.id = ${beforeId} and c.tenant_id = ${tenantId})`;
  return db
    .select()
    .from(auditLog)
    .where(and(matching(tenantId, f), after))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
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

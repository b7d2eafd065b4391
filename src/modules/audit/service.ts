import type { Readable } from "node:stream";
import type { Db } from "../../db/client.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import { requestContext } from "../../lib/request-context.js";
import { auditFile } from "./export.js";
import { narrowToOutlet } from "../outlets/index.js";
import {
  auditActors,
  auditEntries,
  type AuditRow,
  insertAuditEntry,
  shopZoneAndLanguage,
} from "./queries.js";
import { type AuditChanges, redact } from "./redact.js";
import type { AuditEntryDto, AuditFilters, AuditPageDto, AuditPeopleDto, ListAuditQuery } from "./schemas.js";

/** What a service says about one write. */
interface AuditEntry {
  /** `<thing>.<verb>` in snake_case, e.g. `user.update`, `campaign.start`, `auth.sign_in`. */
  action: string;
  /**
   * What was written: its kind (`user`, `contact`…), id and a name to show, and its outlet
   * when the row is gone (a deletion); else the outlet is read from the row by its kind.
   */
  target: { type: string; id?: string | null; name?: string | null; outletId?: string | null };
  /** Changed fields `{ field: [before, after] }`; redacted here whatever the caller passes. */
  changes?: AuditChanges | null;
}

/**
 * Appends an audit entry for a write by `actor`, on `db` (pass the write's own transaction
 * so the entry exists if and only if the write committed). Where it came from (IP, user
 * agent, `http`/`cli`/`job`) is read from the request context (src/lib/request-context.ts);
 * outside one the source is `job`. Secrets in `changes` are redacted. Counts the entry in
 * the context, so the HTTP layer's safety net does not write a second, poorer one.
 */
export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  const ctx = requestContext();
  await insertAuditEntry(db, {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    actorRole: actor.role,
    apiKeyId: actor.apiKey?.id ?? null,
    ...(actor.outletIds ? { actorOutletIds: actor.outletIds } : {}),
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id ?? null,
    targetName: entry.target.name ?? null,
    ...(entry.target.outletId !== undefined ? { targetOutletId: entry.target.outletId } : {}),
    changes: entry.changes ? redact(entry.changes) : null,
    ip: ctx?.ip ?? null,
    userAgent: ctx?.userAgent ?? null,
    source: ctx?.source ?? "job",
  });
  if (ctx) ctx.auditEntries += 1;
}

function toDto(r: AuditRow): AuditEntryDto {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actor: {
      userId: r.actorUserId,
      name: r.actorName,
      role: r.actorRole,
      outlet: r.actorOutlet,
      apiKeyId: r.apiKeyId,
    },
    action: r.action,
    target: { type: r.targetType, id: r.targetId, name: r.targetName },
    changes: r.changes,
    ip: r.ip,
    userAgent: r.userAgent,
    source: r.source,
  };
}

/** Entries per page of an export's reading. */
const EXPORT_PAGE = 500;

/**
 * Reading the shop's audit log (needs `audit.read`); entries are written with {@link recordAudit}.
 * Someone limited to outlets reads the entries about their outlets: those whose target
 * belongs to one, and everything done by staff who work in one.
 */
export function createAuditService(db: Db) {
  /** The reader's checks (the permission, an `outletId` filter that is theirs) and the outlets they read about. */
  const reader = async (actor: Actor, f: AuditFilters) => {
    requirePermission(actor, "audit.read");
    return (await narrowToOutlet(db, actor, f.outletId)).outletIds;
  };
  return {
    /** {@link recordAudit} on the service's database, outside any transaction (the HTTP layer's safety net). */
    record: (actor: Actor, entry: AuditEntry): Promise<void> => recordAudit(db, actor, entry),

    /**
     * A page of the shop's entries under the filters, newest first.
     * @throws KabarError 403 `forbidden` without `audit.read`; 404 `outlet_not_found` for an
     *   `outletId` the shop has not or the reader does not work in
     */
    async list(actor: Actor, q: ListAuditQuery): Promise<AuditPageDto> {
      const { cursor, limit, ...filters } = q;
      const scope = await reader(actor, filters);
      const rows = await auditEntries(
        db,
        actor.tenantId,
        filters,
        limit + 1,
        cursor ? BigInt(cursor) : undefined,
        scope,
      );
      const items = rows.slice(0, limit).map(toDto);
      return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
    },

    /**
     * Every entry under the filters as a CSV or XLSX file (./export.ts), newest first, read
     * page by page as the file streams.
     * @throws KabarError 403 `forbidden` without `audit.read`; 404 `outlet_not_found` as {@link list}
     */
    async exportFile(actor: Actor, filters: AuditFilters, format: "csv" | "xlsx"): Promise<Readable> {
      const scope = await reader(actor, filters);
      const shop = await shopZoneAndLanguage(db, actor.tenantId);
      async function* pages(): AsyncGenerator<AuditEntryDto[]> {
        for (let before: bigint | undefined; ; ) {
          const rows = await auditEntries(db, actor.tenantId, filters, EXPORT_PAGE, before, scope);
          if (rows.length) yield rows.map(toDto);
          if (rows.length < EXPORT_PAGE) return;
          before = rows.at(-1)!.id;
        }
      }
      return auditFile(
        { pages: pages(), timeZone: shop?.timeZone ?? "Asia/Jakarta", language: shop?.locale ?? "id" },
        format,
      );
    },

    /**
     * The people the reader's entries name, for the person filter (needs `audit.read` only,
     * not `users.read`: a custom auditor role may not list the staff).
     * @throws KabarError 403 `forbidden` without `audit.read`
     */
    async people(actor: Actor): Promise<AuditPeopleDto> {
      requirePermission(actor, "audit.read");
      return auditActors(db, actor.tenantId, actor.outletIds);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

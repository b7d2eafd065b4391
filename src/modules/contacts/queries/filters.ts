/** The WHERE conditions of the contact list, export and search (campaign audiences), built from filters. */
import { and, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { contacts } from "../../../db/schema/index.js";
import type { Actor } from "../../../lib/actor.js";
import { contactInScope } from "../../outlets/index.js";
import { inSegment } from "../../segments/index.js";
import type { ContactFilters } from "../schemas.js";

/** `%text%` for ILIKE with the user's `%`, `_` and `\` taken literally. */
const likePattern = (text: string): string => `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/** Contacts whose name, or phone as typed or as digits without the leading 0, contains `search`. */
export function contactSearch(search: string): SQL {
  const digits = search.replace(/\D/g, "").replace(/^0/, "");
  const conds = [ilike(contacts.name, likePattern(search)), ilike(contacts.phone, likePattern(search))];
  if (digits.length >= 3) conds.push(ilike(contacts.phone, `%${digits}%`));
  return or(...conds)!;
}

/**
 * The contacts the actor may see (issue 13): TRUE for an actor of every outlet, else those
 * whose home outlet, or one of whose customer-of outlets, is the actor's. Pass it to the
 * statements below that take a `scope`.
 */
export function contactScope(actor: Actor): SQL {
  return contactInScope(actor, contacts.id, contacts.homeOutletId);
}

/** No outlet scope: every contact of the tenant. */
export const ALL_CONTACTS: SQL = sql`TRUE`;

/**
 * The WHERE clause of the contact list and export: always the tenant and the outlet `scope`, then search (name,
 * or phone as typed or as digits without the leading 0), label, opt-out and attribute
 * (present and non-empty; with `attributeValue`, equal to it in any case).
 */
export function contactWhere(tenantId: string, q: ContactFilters, scope: SQL = ALL_CONTACTS): SQL {
  const where: SQL[] = [eq(contacts.tenantId, tenantId), scope];
  if (q.search) where.push(contactSearch(q.search));
  if (q.label) where.push(sql`${contacts.labels} @> ARRAY[${q.label}]::text[]`);
  if (q.optedOut !== undefined) where.push(eq(contacts.optedOut, q.optedOut));
  if (q.attribute) {
    const value = sql`(${contacts.attributes} ->> ${q.attribute}::text)`;
    where.push(
      q.attributeValue
        ? sql`lower(${value}) = lower(${q.attributeValue}::text)`
        : sql`coalesce(${value}, '') <> ''`,
    );
  }
  if (q.segment) where.push(inSegment(sql.raw('"contacts"."id"'), q.segment));
  return and(...where)!;
}

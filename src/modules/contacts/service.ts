import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { contacts } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { commonErrors } from "../../lib/common-errors.js";
import { normalizePhone } from "../../lib/phone/normalize.js";
import { contactErrors } from "./errors.js";
import { contactWhere } from "./filters.js";
import { contactHistory, type ContactHistorySources } from "./history.js";
import type {
  ContactDto,
  ContactFilters,
  ContactHistoryDto,
  CreateContactInput,
  ListContactsQuery,
  UpdateContactInput,
} from "./schemas.js";

type ContactRow = typeof contacts.$inferSelect;

/** Shapes a row for the API (dates as ISO strings). */
export function toContactDto(c: ContactRow): ContactDto {
  return {
    id: c.id,
    phone: c.phone,
    name: c.name,
    attributes: c.attributes,
    labels: c.labels,
    optedOut: c.optedOut,
    optedOutAt: c.optedOutAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * Normalises a phone typed by a person.
 * @throws KabarError 400 `invalid_phone` naming the field `phone`.
 */
function e164(raw: string): string {
  const r = normalizePhone(raw);
  if (!r.ok) {
    throw commonErrors.invalidPhone({ reason: r.reason, field: "phone" });
  }
  return r.e164;
}

const uniqueLabels = (labels: string[]) => [...new Set(labels.map((l) => l.trim()).filter(Boolean))];

/** Contacts: create, edit, delete, search, labels, opt-out. Every query is scoped to the actor's tenant. */
export function createContactService(db: Db, history: ContactHistorySources) {
  async function findRow(actor: Actor, id: string): Promise<ContactRow | undefined> {
    const [row] = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, id)));
    return row;
  }
  async function getRow(actor: Actor, id: string): Promise<ContactRow> {
    const row = await findRow(actor, id);
    if (!row) throw contactErrors.notFound();
    return row;
  }

  return {
    /** Page of contacts, newest first, filtered by search (name/phone), label, opt-out and attribute. */
    async list(actor: Actor, q: ListContactsQuery) {
      const cond = contactWhere(actor.tenantId, q);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(contacts)
          .where(cond)
          .orderBy(desc(contacts.createdAt), desc(contacts.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(contacts).where(cond),
      ]);
      return { items: rows.map(toContactDto), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Every contact matching the filters, newest first, in pages of `pageSize` read one
     * after another (keyset on created time and id), so an export of any size streams.
     */
    async *allMatching(actor: Actor, q: ContactFilters, pageSize = 1000): AsyncGenerator<ContactDto[]> {
      const cond = contactWhere(actor.tenantId, q);
      let after: { createdAt: Date; id: string } | undefined;
      for (;;) {
        const rows = await db
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
          .limit(pageSize);
        if (rows.length > 0) yield rows.map(toContactDto);
        if (rows.length < pageSize) return;
        const last = rows[rows.length - 1]!;
        after = { createdAt: last.createdAt, id: last.id };
      }
    },

    /** Attribute keys in use among the contacts matching the filters (all contacts by default), with counts, by key. */
    async attributeKeys(
      actor: Actor,
      q: ContactFilters = {},
    ): Promise<Array<{ key: string; count: number }>> {
      const r = await db.execute<{ key: string; count: number }>(sql`
        SELECT k AS key, count(*)::int AS count FROM ${contacts}, jsonb_object_keys(${contacts.attributes}) k
        WHERE ${contactWhere(actor.tenantId, q)} GROUP BY k ORDER BY k`);
      return r.rows;
    },

    /** The tenant's contact, or null when it is not in the tenant (unknown or another shop's). */
    async find(actor: Actor, id: string): Promise<ContactDto | null> {
      const row = await findRow(actor, id);
      return row ? toContactDto(row) : null;
    },

    /** @throws KabarError 404 when the contact is not in the tenant. */
    async get(actor: Actor, id: string): Promise<ContactDto> {
      return toContactDto(await getRow(actor, id));
    },

    /** The contact's conversations, latest messages and campaigns. @throws KabarError 404 when the contact is not in the tenant. */
    async history(actor: Actor, id: string): Promise<ContactHistoryDto> {
      await getRow(actor, id);
      return contactHistory(db, history, actor.tenantId, id);
    },

    /**
     * Creates a contact; its name counts as set by hand.
     * @throws KabarError 400 `invalid_phone`, 409 `contact_exists` when the phone is already a contact.
     */
    async create(actor: Actor, input: CreateContactInput): Promise<ContactDto> {
      const phone = e164(input.phone);
      const [row] = await db
        .insert(contacts)
        .values({
          tenantId: actor.tenantId,
          phone,
          name: input.name ?? null,
          nameSource: input.name ? "manual" : null,
          attributes: input.attributes ?? {},
          labels: uniqueLabels(input.labels ?? []),
          optedOut: input.optedOut ?? false,
          optedOutAt: input.optedOut ? new Date() : null,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw contactErrors.exists({ phone });
      return toContactDto(row);
    },

    /** Edits a contact; a name given here counts as set by hand. @throws KabarError 400, 404, 409. */
    async update(actor: Actor, id: string, input: UpdateContactInput): Promise<ContactDto> {
      const current = await getRow(actor, id);
      const patch: Partial<typeof contacts.$inferInsert> = { updatedAt: new Date() };
      if (input.phone !== undefined) patch.phone = e164(input.phone);
      if (input.name !== undefined) {
        patch.name = input.name;
        patch.nameSource = input.name === null ? null : "manual";
      }
      if (input.attributes !== undefined) patch.attributes = input.attributes;
      if (input.labels !== undefined) patch.labels = uniqueLabels(input.labels);
      if (input.optedOut !== undefined && input.optedOut !== current.optedOut) {
        patch.optedOut = input.optedOut;
        patch.optedOutAt = input.optedOut ? new Date() : null;
      }
      try {
        const [row] = await db
          .update(contacts)
          .set(patch)
          .where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, id)))
          .returning();
        return toContactDto(row!);
      } catch (err) {
        if (
          (err as { cause?: { code?: string } }).cause?.code === "23505" ||
          (err as { code?: string }).code === "23505"
        ) {
          throw contactErrors.phoneTaken({ phone: patch.phone! });
        }
        throw err;
      }
    },

    /** Deletes contacts of the tenant; returns how many were deleted. */
    async remove(actor: Actor, ids: string[]): Promise<number> {
      const rows = await db
        .delete(contacts)
        .where(and(eq(contacts.tenantId, actor.tenantId), inArray(contacts.id, ids)))
        .returning({ id: contacts.id });
      return rows.length;
    },

    /** Adds and removes labels on many contacts; returns how many contacts changed. */
    async bulkLabel(actor: Actor, ids: string[], add: string[], remove: string[]): Promise<number> {
      const rows = await db
        .update(contacts)
        .set({
          labels: sql`ARRAY(SELECT DISTINCT l FROM unnest(${contacts.labels} || ${sql.param(uniqueLabels(add))}::text[]) l WHERE NOT l = ANY(${sql.param(uniqueLabels(remove))}::text[]))`,
          updatedAt: new Date(),
        })
        .where(and(eq(contacts.tenantId, actor.tenantId), inArray(contacts.id, ids)))
        .returning({ id: contacts.id });
      return rows.length;
    },

    /** Every label in use in the tenant with its contact count. */
    async labels(actor: Actor): Promise<Array<{ label: string; count: number }>> {
      const r = await db.execute<{ label: string; count: number }>(sql`
        SELECT l AS label, count(*)::int AS count FROM ${contacts}, unnest(${contacts.labels}) l
        WHERE ${contacts.tenantId} = ${actor.tenantId} GROUP BY l ORDER BY l`);
      return r.rows;
    },

    /**
     * Opts a contact out (or back in). Used by the inbox when an opt-out word arrives.
     * @returns whether the flag changed.
     */
    async setOptOut(tenantId: string, contactId: string, optedOut: boolean): Promise<boolean> {
      const rows = await db
        .update(contacts)
        .set({ optedOut, optedOutAt: optedOut ? new Date() : null, updatedAt: new Date() })
        .where(
          and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId), eq(contacts.optedOut, !optedOut)),
        )
        .returning({ id: contacts.id });
      return rows.length > 0;
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;

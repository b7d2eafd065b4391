import type { Bus } from "../../lib/bus.js";
import type { PackageLimits } from "../../lib/package-limits.js";
import type { Db } from "../../db/client.js";
import type { EventHook } from "../../db/event-hooks.js";
import { rawExecutor } from "../../db/transaction.js";
import { requireScope, type Actor, requirePermission } from "../../lib/actor.js";
import { commonErrors } from "../../lib/common-errors.js";
import { normalizePhone } from "../../lib/phone/normalize.js";
import { changesBetween, recordAudit } from "../audit/index.js";
import { contactErrors } from "./errors.js";
import { contactHistory, type ContactHistorySources } from "./history.js";
import {
  attributeKeyCounts,
  contactById,
  contactPage,
  contactsAfter,
  type ContactPatch,
  type ContactRow,
  deleteContacts,
  insertContact,
  labelCounts,
  lockOptedOut,
  relabelContacts,
  updateContact,
} from "./queries/contacts.js";
import { contactScope } from "./queries/filters.js";
import { resolveOutletId } from "../outlets/index.js";
import type {
  ContactDto,
  ContactFilters,
  ContactHistoryDto,
  CreateContactInput,
  ListContactsQuery,
  UpdateContactInput,
} from "./schemas.js";

/** Shapes a row for the API (dates as ISO strings). */
function toContactDto(c: ContactRow): ContactDto {
  return {
    id: c.id,
    phone: c.phone,
    name: c.name,
    attributes: c.attributes,
    labels: c.labels,
    optedOut: c.optedOut,
    optedOutAt: c.optedOutAt?.toISOString() ?? null,
    homeOutletId: c.homeOutletId,
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

/** What the audit log shows of a contact. */
const audited = (c: ContactRow) => ({
  phone: c.phone,
  name: c.name,
  labels: c.labels,
  attributes: c.attributes,
  optedOut: c.optedOut,
});

const uniqueLabels = (labels: string[]) => [...new Set(labels.map((l) => l.trim()).filter(Boolean))];

/**
 * Contacts: create, edit, delete, search, labels, opt-out. Every query is scoped to the
 * actor's tenant. `bus` hears `contact.opted_out` (`via: "contact_page"`) when an edit opts a
 * contact out.
 */
export function createContactService(
  db: Db,
  history: ContactHistorySources,
  bus?: Bus,
  /** Called in the transaction that opts a contact out by hand (`contact.opted_out`): outgoing webhooks. */
  events?: EventHook,
  /** The package's contacts limit (SaaS mode), checked when a contact is added by hand or API. */
  limits?: PackageLimits,
) {
  async function findRow(actor: Actor, id: string): Promise<ContactRow | null> {
    return contactById(db, actor.tenantId, id, contactScope(actor));
  }
  async function getRow(actor: Actor, id: string): Promise<ContactRow> {
    const row = await findRow(actor, id);
    if (!row) throw contactErrors.notFound();
    return row;
  }

  return {
    /**
     * Page of contacts, newest first, filtered by search (name/phone), label, opt-out and attribute.
     * @throws KabarError 403 `missing_scope` for an API key without `contacts:read`.
     */
    async list(actor: Actor, q: ListContactsQuery) {
      requirePermission(actor, "contacts.read");
      requireScope(actor, "contacts:read");
      const { rows, total } = await contactPage(
        db,
        actor.tenantId,
        q,
        q.page,
        q.pageSize,
        contactScope(actor),
      );
      return { items: rows.map(toContactDto), total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Every contact matching the filters, newest first, in pages of `pageSize` read one
     * after another (keyset on created time and id), so an export of any size streams.
     */
    async *allMatching(actor: Actor, q: ContactFilters, pageSize = 1000): AsyncGenerator<ContactDto[]> {
      let after: { createdAt: Date; id: string } | undefined;
      for (;;) {
        const rows = await contactsAfter(db, actor.tenantId, q, after, pageSize, contactScope(actor));
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
      return attributeKeyCounts(db, actor.tenantId, q, contactScope(actor));
    },

    /** The tenant's contact, or null when it is not in the tenant (unknown or another shop's). */
    async find(actor: Actor, id: string): Promise<ContactDto | null> {
      requirePermission(actor, "contacts.read");
      const row = await findRow(actor, id);
      return row ? toContactDto(row) : null;
    },

    /** @throws KabarError 404 when the contact is not in the tenant; 403 `missing_scope` for an API key without `contacts:read`. */
    async get(actor: Actor, id: string): Promise<ContactDto> {
      requirePermission(actor, "contacts.read");
      requireScope(actor, "contacts:read");
      return toContactDto(await getRow(actor, id));
    },

    /** The contact's conversations, latest messages and campaigns. @throws KabarError 404 when the contact is not in the tenant. */
    async history(actor: Actor, id: string): Promise<ContactHistoryDto> {
      requirePermission(actor, "contacts.read");
      await getRow(actor, id);
      return contactHistory(db, history, actor, id);
    },

    /**
     * Creates a contact; its name counts as set by hand.
     * @throws KabarError 400 `invalid_phone` / `unknown_outlet` (`homeOutletId`), 409 `contact_exists` when the phone is already a contact;
     *   402 `package_limit_reached` beyond the package's contacts limit (SaaS mode);
     *   403 `missing_scope` for an API key without `contacts:write`.
     */
    async create(actor: Actor, input: CreateContactInput): Promise<ContactDto> {
      requirePermission(actor, "contacts.create");
      requireScope(actor, "contacts:write");
      const phone = e164(input.phone);
      // Someone limited to outlets makes contacts of their own first outlet unless they name one.
      const homeOutletId =
        input.homeOutletId !== undefined || actor.outletIds
          ? await resolveOutletId(db, actor, input.homeOutletId, "homeOutletId")
          : null;
      const values = {
        homeOutletId,
        tenantId: actor.tenantId,
        phone,
        name: input.name ?? null,
        nameSource: input.name ? ("manual" as const) : null,
        attributes: input.attributes ?? {},
        labels: uniqueLabels(input.labels ?? []),
        optedOut: input.optedOut ?? false,
        optedOutAt: input.optedOut ? new Date() : null,
      };
      // With the package's contacts limit: counted and inserted in one transaction (billing/limits.ts).
      const row = limits
        ? await db.transaction(async (tx) => {
            await limits.assertRoom(tx, actor.tenantId, "contacts");
            return insertContact(tx as unknown as Db, values);
          })
        : await insertContact(db, values);
      if (!row) throw contactErrors.exists({ phone });
      return toContactDto(row);
    },

    /** Edits a contact; a name given here counts as set by hand. @throws KabarError 400, 404, 409; 403 `missing_scope` for an API key without `contacts:write`. */
    async update(actor: Actor, id: string, input: UpdateContactInput): Promise<ContactDto> {
      requirePermission(actor, "contacts.update");
      requireScope(actor, "contacts:write");
      const current = await getRow(actor, id);
      const patch: ContactPatch = { updatedAt: new Date() };
      if (input.phone !== undefined) patch.phone = e164(input.phone);
      if (input.name !== undefined) {
        patch.name = input.name;
        patch.nameSource = input.name === null ? null : "manual";
      }
      if (input.attributes !== undefined) patch.attributes = input.attributes;
      if (input.labels !== undefined) patch.labels = uniqueLabels(input.labels);
      if (input.homeOutletId !== undefined)
        patch.homeOutletId =
          input.homeOutletId === null
            ? null
            : await resolveOutletId(db, actor, input.homeOutletId, "homeOutletId");
      if (input.optedOut !== undefined && input.optedOut !== current.optedOut) {
        patch.optedOut = input.optedOut;
        patch.optedOutAt = input.optedOut ? new Date() : null;
      }
      try {
        const optedOut = (phone: string) => ({
          name: "contact.opted_out" as const,
          payload: { tenantId: actor.tenantId, contactId: id, phone, via: "contact_page" as const },
        });
        // An opt-out by hand is recorded with its event hook's rows, in one transaction; the
        // contact is locked first, so of two opt-outs at once only the first is an event.
        let announce = patch.optedOut === true;
        const row =
          patch.optedOut === true && events
            ? await db.transaction(async (tx) => {
                if ((await lockOptedOut(tx, actor.tenantId, id)) === true) {
                  announce = false;
                  delete patch.optedOut;
                  delete patch.optedOutAt;
                }
                const r = await updateContact(tx, actor.tenantId, id, patch);
                if (r && announce) await events(tx, rawExecutor(tx), [optedOut(r.phone)]);
                return r;
              })
            : await updateContact(db, actor.tenantId, id, patch);
        if (!row) throw contactErrors.notFound();
        if (announce) {
          const e = optedOut(row.phone);
          bus?.emit(e.name, e.payload);
        }
        await recordAudit(db, actor, {
          action: "contact.update",
          target: { type: "contact", id, name: row.name ?? row.phone },
          changes: changesBetween(audited(current), audited(row)),
        });
        return toContactDto(row);
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

    /**
     * Deletes those of `ids` the actor reaches (the shop's, in their outlets); the audit log
     * records, in the same transaction, the ids deleted (not ones asked for but out of reach)
     * and their home outlet when they share one. @returns how many were deleted
     */
    async remove(actor: Actor, ids: string[]): Promise<number> {
      requirePermission(actor, "contacts.delete");
      return db.transaction(async (tx) => {
        const gone = await deleteContacts(tx, actor.tenantId, ids, contactScope(actor));
        if (gone.length === 0) return 0;
        const homes = new Set(gone.map((c) => c.homeOutletId));
        await recordAudit(tx, actor, {
          action: "contact.delete",
          target: {
            type: "contact",
            id: gone.length === 1 ? gone[0]!.id : null,
            outletId: homes.size === 1 ? [...homes][0]! : null,
          },
          changes: { contacts: [gone.map((c) => c.id), null], deleted: [null, gone.length] },
        });
        return gone.length;
      });
    },

    /** Adds and removes labels on many contacts; returns how many contacts changed. */
    async bulkLabel(actor: Actor, ids: string[], add: string[], remove: string[]): Promise<number> {
      requirePermission(actor, "contacts.update");
      return relabelContacts(
        db,
        actor.tenantId,
        ids,
        uniqueLabels(add),
        uniqueLabels(remove),
        contactScope(actor),
      );
    },

    /** Every label in use in the tenant with its contact count. */
    async labels(actor: Actor): Promise<Array<{ label: string; count: number }>> {
      requirePermission(actor, "contacts.read");
      return labelCounts(db, actor.tenantId, contactScope(actor));
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;

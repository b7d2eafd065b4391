/**
 * Reads of an incoming message's context (the contact, the conversation, the shop's time
 * zone, the contact's previous message) for the engine and the rules service's dry run.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { contacts, messages, tenants } from "../../../db/schema/index.js";
import type { Actor } from "../../../lib/actor.js";
import { contactInScope } from "../../outlets/index.js";

/** An incoming message with what the engine needs to decide on it. */
export interface InboundContext {
  tenantId: string;
  timeZone: string;
  message: { id: string; channelId: string; text: string | null; at: Date };
  contact: {
    id: string;
    phone: string;
    name: string | null;
    attributes: Record<string, string>;
    optedOut: boolean;
    optedOutAt: Date | null;
  };
  conversationId: string | null;
  /** The contact's previous incoming message to the shop (any channel), null for the first. */
  previousInboundAt: Date | null;
}

/**
 * Loads an incoming message of the tenant and its context in one query; null when it is
 * not an incoming message of this tenant.
 * @param opts.previous also find the contact's previous incoming message (only welcome
 *   rules need it; without it `previousInboundAt` is null)
 */
export async function inboundContext(
  db: Db,
  tenantId: string,
  messageId: string,
  opts: { previous: boolean } = { previous: true },
): Promise<InboundContext | null> {
  const [row] = await db
    .select({
      m: messages,
      c: contacts,
      timeZone: tenants.timeZone,
      conversationId: sql<string | null>`(SELECT cv.id FROM conversations cv
        WHERE cv.tenant_id = ${tenantId} AND cv.channel_id = ${messages.channelId} AND cv.contact_id = ${messages.contactId})`,
      previousInboundAt: opts.previous
        ? previousInboundSql(
            tenantId,
            sql`${messages.contactId}`,
            sql`${messages.createdAt}`,
            sql`${messages.id}`,
          ).mapWith(messages.createdAt)
        : sql<Date | null>`NULL::timestamptz`.mapWith(messages.createdAt),
    })
    .from(messages)
    .innerJoin(contacts, eq(contacts.id, messages.contactId))
    .innerJoin(tenants, eq(tenants.id, messages.tenantId))
    .where(and(eq(messages.tenantId, tenantId), eq(messages.id, messageId), eq(messages.direction, "in")));
  if (!row) return null;
  const { m, c } = row;
  return {
    tenantId,
    timeZone: row.timeZone,
    message: { id: m.id, channelId: m.channelId, text: m.text, at: m.createdAt },
    contact: {
      id: c.id,
      phone: c.phone,
      name: c.name,
      attributes: c.attributes,
      optedOut: c.optedOut,
      optedOutAt: c.optedOutAt,
    },
    conversationId: row.conversationId ?? null,
    previousInboundAt: row.previousInboundAt ?? null,
  };
}

/**
 * Scalar subquery: the time of the contact's latest incoming message at or before `at`
 * (excluding the message `exceptId`), any channel; NULL for none.
 */
function previousInboundSql(
  tenantId: string,
  contactId: SQL,
  at: SQL,
  exceptId: SQL | null,
): SQL<Date | null> {
  return sql<Date | null>`(SELECT p.created_at FROM messages p
    WHERE p.tenant_id = ${tenantId} AND p.contact_id = ${contactId} AND p.direction = 'in' AND p.created_at <= ${at}
      ${exceptId ? sql`AND p.id <> ${exceptId}` : sql``}
    ORDER BY p.created_at DESC LIMIT 1)`;
}

/** Time of the contact's latest incoming message before `at` (excluding `exceptId`), any channel. */
export async function previousInboundAt(
  db: Db,
  tenantId: string,
  contactId: string,
  at: Date,
  exceptId?: string,
): Promise<Date | null> {
  const [row] = await db
    .select({
      at: previousInboundSql(
        tenantId,
        sql`${contactId}::uuid`,
        sql`${at}::timestamptz`,
        exceptId ? sql`${exceptId}::uuid` : null,
      ).mapWith(messages.createdAt),
    })
    .from(sql`(VALUES (1)) AS one(x)`);
  return row?.at ?? null;
}

/**
 * A contact row of the actor's shop within its outlets (the dry run writes the reply for it);
 * null when it has no such contact in scope.
 */
export async function contactOfTenant(db: Db, actor: Actor, contactId: string) {
  const [c] = await db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, actor.tenantId),
        eq(contacts.id, contactId),
        contactInScope(actor, contacts.id, contacts.homeOutletId),
      ),
    );
  return c ?? null;
}

/** The tenant's IANA time zone (`tenants.time_zone`); undefined when there is no such tenant. */
export async function tenantTimeZone(db: Db, tenantId: string): Promise<string | undefined> {
  const [tenant] = await db
    .select({ timeZone: tenants.timeZone })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return tenant?.timeZone;
}

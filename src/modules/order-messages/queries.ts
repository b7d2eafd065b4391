/**
 * Statements of the order-messages module: its settings, its log (`order_messages`), and
 * the reads of an order, its customer and the shop's numbers that a message needs (read-only
 * over the orders', contacts' and channels' tables, DESIGN.md §3.4). The sent message's row
 * is written through the inbox's `insertSentMessage`.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Actor } from "../../lib/actor.js";
import { outletInScope } from "../outlets/index.js";
import type { InboundButton } from "../../channels/transport.js";
import type { Db, Tx } from "../../db/client.js";
import {
  channels,
  codConfirmations,
  type CodState,
  contacts,
  conversations,
  messages,
  orderLines,
  orderMessageSettings,
  orderMessages,
  orders,
  type OrderMessageEvent,
  type OrderMessageOutcome,
  tenants,
} from "../../db/schema/index.js";
import { insertNote, insertSentMessage } from "../inbox/index.js";
import { giveBackUnits, holdUnitFor } from "../billing/index.js";
import type { CustomerForMessage, OrderForMessage } from "./variables.js";

export type SettingsRow = typeof orderMessageSettings.$inferSelect;
export type MessageLogRow = typeof orderMessages.$inferSelect;

/**
 * The shop's saved settings; undefined when it never saved any. A named prepared statement
 * (one text: planned once per connection), as every new order's hook reads them.
 */
export async function settingsOf(db: Db | Tx, tenantId: string): Promise<SettingsRow | undefined> {
  const [row] = await db
    .select()
    .from(orderMessageSettings)
    .where(eq(orderMessageSettings.tenantId, tenantId))
    .prepare("order_message_settings_of")
    .execute();
  return row;
}

/** Saves the shop's settings whole. */
export async function saveSettings(
  db: Db,
  tenantId: string,
  s: Pick<SettingsRow, "channelId" | "events" | "codReminderHours">,
): Promise<SettingsRow> {
  const [row] = await db
    .insert(orderMessageSettings)
    .values({ tenantId, ...s, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: orderMessageSettings.tenantId,
      set: { ...s, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

/**
 * An order with its lines (for its variables), read in the shop, within the outlets of
 * `actor` when given (issue 13); undefined when not there.
 */
export async function orderForMessage(
  db: Db | Tx,
  tenantId: string,
  orderId: string,
  actor?: Actor,
): Promise<
  | (OrderForMessage & {
      contactId: string | null;
      channelId: string | null;
      customerName: string | null;
      customerPhone: string;
    })
  | undefined
> {
  const [o] = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.tenantId, tenantId),
        eq(orders.id, orderId),
        actor && outletInScope(actor, orders.outletId),
      ),
    );
  if (!o) return undefined;
  return { ...o, lines: await linesForMessage(db, tenantId, orderId) };
}

/** An order's lines as its messages name them, in their order on the order. */
export function linesForMessage(
  db: Db | Tx,
  tenantId: string,
  orderId: string,
): Promise<Array<{ name: string; quantity: number }>> {
  return db
    .select({ name: orderLines.name, quantity: orderLines.quantity })
    .from(orderLines)
    .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId)))
    .orderBy(asc(orderLines.position));
}

/** The contact an order message goes to, with their opt-out; undefined when not in the shop. */
export async function customerOf(
  db: Db | Tx,
  tenantId: string,
  contactId: string,
): Promise<(CustomerForMessage & { optedOut: boolean }) | undefined> {
  const [c] = await db
    .select({
      name: contacts.name,
      phone: contacts.phone,
      attributes: contacts.attributes,
      optedOut: contacts.optedOut,
    })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  return c;
}

/** What to write for one order message. */
interface NewMessageLog {
  tenantId: string;
  orderId: string;
  event: OrderMessageEvent;
  channelId: string | null;
  contactId: string | null;
  text: string;
  variables: { used: string[]; values: Record<string, string> };
  outcome: OrderMessageOutcome;
  reason?: string | null;
}

/** Writes one order message's log row (in the order's transaction). */
export async function insertMessageLog(tx: Db | Tx, log: NewMessageLog): Promise<MessageLogRow> {
  const [row] = await tx.insert(orderMessages).values(log).returning();
  return row!;
}

/** An order message with what its send needs: the customer's phone and opt-out, the number's kind (null: deleted since). */
export async function scheduledMessage(db: Db, logId: string) {
  const [row] = await db
    .select({
      log: orderMessages,
      phone: contacts.phone,
      optedOut: contacts.optedOut,
      channelKind: channels.kind,
      lastInboundAt: conversations.lastInboundAt,
      /** The shop switched commerce off after the message was written (src/lib/modules.ts). */
      commerceOff: sql<boolean>`'commerce' = ANY(${tenants.disabledModules})`,
    })
    .from(orderMessages)
    .innerJoin(tenants, eq(tenants.id, orderMessages.tenantId))
    .leftJoin(
      contacts,
      and(eq(contacts.id, orderMessages.contactId), eq(contacts.tenantId, orderMessages.tenantId)),
    )
    .leftJoin(
      channels,
      and(eq(channels.id, orderMessages.channelId), eq(channels.tenantId, orderMessages.tenantId)),
    )
    .leftJoin(
      conversations,
      and(
        eq(conversations.channelId, orderMessages.channelId),
        eq(conversations.contactId, orderMessages.contactId),
      ),
    )
    .where(eq(orderMessages.id, logId));
  return row ?? null;
}

/**
 * Settles a scheduled message `failed` or `cancelled` with its reason (a settled one is
 * kept). A message that holds its message unit (SaaS mode, {@link holdMessageUnit}) gives it
 * back (billing's `giveBackUnits`) and clears `unit_held` in the same transaction; the update
 * is conditional on the row still being scheduled and held, so a second settle gives nothing.
 */
export async function settleMessage(
  db: Db,
  log: Pick<MessageLogRow, "id" | "tenantId">,
  outcome: "failed" | "cancelled",
  reason: string,
): Promise<void> {
  await db.transaction((tx) => settleIn(tx, log, outcome, reason));
}

async function settleIn(
  tx: Tx,
  log: Pick<MessageLogRow, "id" | "tenantId">,
  outcome: "failed" | "cancelled",
  reason: string,
): Promise<void> {
  const scheduled = and(
    eq(orderMessages.tenantId, log.tenantId),
    eq(orderMessages.id, log.id),
    eq(orderMessages.outcome, "scheduled"),
  );
  const held = await tx
    .update(orderMessages)
    .set({ outcome, reason, unitHeld: false })
    .where(and(scheduled, eq(orderMessages.unitHeld, true)))
    .returning({ id: orderMessages.id });
  if (held.length > 0) return giveBackUnits(tx, log.tenantId, 1);
  await tx
    .update(orderMessages)
    .set({ outcome, reason })
    .where(and(scheduled, eq(orderMessages.unitHeld, false)));
}

/**
 * SaaS mode, just before the send: in one transaction, with the log row and the shop's
 * balance locked (billing's `holdUnitFor`), the message takes its message unit and records
 * `unit_held` — once: a retried job (a crash after the send) finds it held and takes nothing
 * more. A shop with a send block or no unit left: the message is settled `cancelled`
 * `subscription_inactive` / `quota_exhausted` there (a held unit given back).
 * @returns true: send it (it holds its unit, or the shop is unmetered); false: it is not
 *   to be sent (no longer scheduled, or cancelled now)
 */
export function holdMessageUnit(db: Db, log: Pick<MessageLogRow, "id" | "tenantId">): Promise<boolean> {
  const row = and(eq(orderMessages.tenantId, log.tenantId), eq(orderMessages.id, log.id));
  return holdUnitFor(db, log.tenantId, {
    lock: async (tx) => {
      const [r] = await tx
        .select({ held: orderMessages.unitHeld })
        .from(orderMessages)
        .where(and(row, eq(orderMessages.outcome, "scheduled")))
        .for("update");
      return r?.held;
    },
    markHeld: (tx) => tx.update(orderMessages).set({ unitHeld: true }).where(row),
    cancel: (tx, reason) => settleIn(tx, log, "cancelled", reason),
  });
}

/**
 * Records a sent order message: its outgoing row in the customer's thread (the inbox's
 * `insertSentMessage`, de-duplicated by network id; with the reply buttons it carried) and
 * the log row `sent`, in one transaction. It takes no unit: a metered message took its unit
 * before the send ({@link holdMessageUnit}) and keeps it.
 * @returns the message row id
 */
export async function recordSent(
  db: Db,
  log: MessageLogRow & { channelId: string; contactId: string },
  networkId: string,
  text: string,
  sentAt: Date,
  buttons?: Array<{ id: string; title: string }>,
): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await insertSentMessage(tx, {
      tenantId: log.tenantId,
      channelId: log.channelId,
      contactId: log.contactId,
      networkId,
      text,
      ...(buttons ? { buttons } : {}),
      sentAt,
      autoReply: false,
    });
    await tx
      .update(orderMessages)
      .set({ outcome: "sent", messageId: id, sentAt, reason: null })
      .where(and(eq(orderMessages.tenantId, log.tenantId), eq(orderMessages.id, log.id)));
    return id;
  });
}

/** An order's messages, latest first. */
export function messagesOfOrder(db: Db, tenantId: string, orderId: string): Promise<MessageLogRow[]> {
  return db
    .select()
    .from(orderMessages)
    .where(and(eq(orderMessages.tenantId, tenantId), eq(orderMessages.orderId, orderId)))
    .orderBy(desc(orderMessages.createdAt), desc(sql`${orderMessages.id}`));
}

/** The conversation of a customer on a number, if any (its id). */
export async function conversationOf(
  db: Db | Tx,
  tenantId: string,
  channelId: string,
  contactId: string,
): Promise<string | undefined> {
  const [c] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.tenantId, tenantId),
        eq(conversations.channelId, channelId),
        eq(conversations.contactId, contactId),
      ),
    );
  return c?.id;
}

type CodRow = typeof codConfirmations.$inferSelect;

/** Starts a COD order's wait for the customer's answer (in the order's transaction). */
export async function insertCod(
  tx: Db | Tx,
  row: { tenantId: string; orderId: string; channelId: string | null; contactId: string | null },
): Promise<void> {
  await tx.insert(codConfirmations).values(row).onConflictDoNothing();
}

/** The COD confirmation of an order; undefined when it is not a waiting COD order. */
export async function codOfOrder(
  db: Db | Tx,
  tenantId: string,
  orderId: string,
): Promise<CodRow | undefined> {
  const [row] = await db
    .select()
    .from(codConfirmations)
    .where(and(eq(codConfirmations.tenantId, tenantId), eq(codConfirmations.orderId, orderId)));
  return row;
}

/** The customer's latest COD order still waiting (or flagged) for an answer on this number. */
export async function openCodOf(
  db: Db,
  tenantId: string,
  channelId: string,
  contactId: string,
): Promise<CodRow | undefined> {
  const [row] = await db
    .select()
    .from(codConfirmations)
    .where(
      and(
        eq(codConfirmations.tenantId, tenantId),
        eq(codConfirmations.channelId, channelId),
        eq(codConfirmations.contactId, contactId),
        sql`${codConfirmations.state} IN ('waiting', 'flagged')`,
      ),
    )
    .orderBy(desc(codConfirmations.createdAt))
    .limit(1);
  return row;
}

/**
 * Moves a COD confirmation from one of `from` to `to`, stamping the time it takes.
 * @returns whether this caller moved it (false: it was no longer in `from`)
 */
export async function moveCod(
  db: Db | Tx,
  tenantId: string,
  orderId: string,
  from: readonly CodState[],
  to: CodState,
  at = new Date(),
): Promise<boolean> {
  const stamp =
    to === "flagged" ? { flaggedAt: at } : to === "confirmed" || to === "cancelled" ? { answeredAt: at } : {};
  const moved = await db
    .update(codConfirmations)
    .set({ state: to, ...stamp })
    .where(
      and(
        eq(codConfirmations.tenantId, tenantId),
        eq(codConfirmations.orderId, orderId),
        sql`${codConfirmations.state} IN (${sql.join(
          from.map((f) => sql`${f}`),
          sql`, `,
        )})`,
      ),
    )
    .returning({ orderId: codConfirmations.orderId });
  return moved.length > 0;
}

/** Stamps the COD reminder's time. */
export async function markCodReminded(
  db: Db | Tx,
  tenantId: string,
  orderId: string,
  at: Date,
): Promise<void> {
  await db
    .update(codConfirmations)
    .set({ remindedAt: at })
    .where(and(eq(codConfirmations.tenantId, tenantId), eq(codConfirmations.orderId, orderId)));
}

/** Leaves an internal note (by Kabar, no author) on the customer's conversation on this number, if there is one. */
export async function noteOnConversation(
  db: Db,
  tenantId: string,
  channelId: string,
  contactId: string,
  body: string,
): Promise<boolean> {
  const conversationId = await conversationOf(db, tenantId, channelId, contactId);
  if (!conversationId) return false;
  await insertNote(db, { tenantId, conversationId, authorId: null, body });
  return true;
}

/** A customer's message as a COD answer reads it: its text and the button tapped, if any (undefined: not a customer's message). */
export async function incomingAnswer(
  db: Db,
  tenantId: string,
  messageId: string,
): Promise<{ text: string | null; button: InboundButton | null } | undefined> {
  const [m] = await db
    .select({ text: messages.text, button: messages.button })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.id, messageId), eq(messages.direction, "in")));
  return m;
}

/** Statements on `auto_reply_log`: the engine's cooldown and bot checks, its decisions, the job's send, a rule's log. */
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import {
  autoReplyLog,
  autoReplyRules,
  contacts,
  messages,
  type AutoReplyOutcome,
} from "../../../db/schema/index.js";
import type { Actor } from "../../../lib/actor.js";
import { insertAutoReply } from "../../inbox/index.js";
import { giveBackUnits, holdUnitFor } from "../../billing/index.js";
import { channelInScope } from "../../outlets/index.js";
import type { ReplyAnswer } from "../bot.js";

export type LogRow = typeof autoReplyLog.$inferSelect;

/** Did `ruleId` answer (or is about to answer) `contactId` within `seconds` before `at`? */
export async function inCooldown(
  db: Db,
  tenantId: string,
  ruleId: string,
  contactId: string,
  at: Date,
  seconds: number,
): Promise<boolean> {
  const r = await db.execute(sql`
    SELECT 1 FROM auto_reply_log
    WHERE tenant_id = ${tenantId} AND rule_id = ${ruleId} AND contact_id = ${contactId}
      AND outcome IN ('scheduled', 'sent') AND at <= ${at} AND at > ${at}::timestamptz - make_interval(secs => ${seconds})
    LIMIT 1`);
  return r.rows.length > 0;
}

/**
 * Has the engine decided on the incoming message `messageId` (any log row for it)? Found by
 * the contact index: the row's `at` is the message's time.
 */
export async function decidedFor(
  db: Db,
  tenantId: string,
  contactId: string,
  at: Date,
  messageId: string,
): Promise<boolean> {
  const r = await db.execute(sql`
    SELECT 1 FROM auto_reply_log
    WHERE tenant_id = ${tenantId} AND contact_id = ${contactId} AND at = ${at} AND message_id = ${messageId}
    LIMIT 1`);
  return r.rows.length > 0;
}

/** Was the contact found to be a bot within `seconds` before `at`? */
export async function botPaused(
  db: Db,
  tenantId: string,
  contactId: string,
  at: Date,
  seconds: number,
): Promise<boolean> {
  const r = await db.execute(sql`
    SELECT 1 FROM auto_reply_log
    WHERE tenant_id = ${tenantId} AND contact_id = ${contactId} AND outcome = 'suspected_bot'
      AND at <= ${at} AND at > ${at}::timestamptz - make_interval(secs => ${seconds})
    LIMIT 1`);
  return r.rows.length > 0;
}

/**
 * Our latest auto-replies sent to the contact within `seconds` before `at` (latest first;
 * an old streak does not count once its pause is over), each with the
 * contact's first incoming message on that channel after it (and after the message it
 * answered). WhatsApp stamps messages in whole seconds, so the reply's time is truncated
 * to the second first.
 */
export async function latestReplyAnswers(
  db: Db,
  tenantId: string,
  contactId: string,
  at: Date,
  seconds: number,
  limit: number,
): Promise<ReplyAnswer[]> {
  const r = await db.execute<{ sent_at: number; answered_at: number | null }>(sql`
    SELECT (extract(epoch FROM l.sent_at) * 1000)::float8 AS sent_at,
      (SELECT (extract(epoch FROM min(m.created_at)) * 1000)::float8 FROM messages m
        WHERE m.tenant_id = ${tenantId} AND m.channel_id = l.channel_id AND m.contact_id = l.contact_id
          AND m.direction = 'in' AND m.id <> l.message_id AND m.created_at > l.at
          AND m.created_at >= date_trunc('second', l.sent_at) AND m.created_at <= ${at}) AS answered_at
    FROM auto_reply_log l
    WHERE l.tenant_id = ${tenantId} AND l.contact_id = ${contactId} AND l.outcome = 'sent' AND l.sent_at <= ${at}
      AND l.sent_at > ${at}::timestamptz - make_interval(secs => ${seconds})
    ORDER BY l.sent_at DESC LIMIT ${limit}`);
  return r.rows.map((x) => ({
    sentAt: Number(x.sent_at),
    answeredAt: x.answered_at === null ? null : Number(x.answered_at),
  }));
}

/** What to write for one decision. */
export interface NewLog {
  tenantId: string;
  ruleId: string;
  channelId: string;
  messageId: string;
  contactId: string;
  conversationId: string | null;
  outcome: AutoReplyOutcome;
  replyText?: string;
  at: Date;
}

/** Writes one decision to the log; `scheduled` also counts a trigger on the rule. */
export async function insertLog(db: Db, log: NewLog): Promise<LogRow> {
  const [row] = await db.insert(autoReplyLog).values(log).returning();
  if (log.outcome === "scheduled") {
    await db
      .update(autoReplyRules)
      .set({
        triggerCount: sql`${autoReplyRules.triggerCount} + 1`,
        lastTriggeredAt: sql`greatest(${autoReplyRules.lastTriggeredAt}, ${log.at}::timestamptz)`,
      })
      .where(and(eq(autoReplyRules.tenantId, log.tenantId), eq(autoReplyRules.id, log.ruleId)));
  }
  return row!;
}

/** A scheduled reply with what its send needs (for the job; the job carries only the log id). */
export async function scheduledReply(db: Db, logId: string) {
  const [row] = await db
    .select({
      log: autoReplyLog,
      phone: contacts.phone,
      optedOut: contacts.optedOut,
      ruleType: autoReplyRules.type,
      ruleEnabled: autoReplyRules.enabled,
    })
    .from(autoReplyLog)
    .innerJoin(
      contacts,
      and(eq(contacts.id, autoReplyLog.contactId), eq(contacts.tenantId, autoReplyLog.tenantId)),
    )
    .innerJoin(
      autoReplyRules,
      and(eq(autoReplyRules.id, autoReplyLog.ruleId), eq(autoReplyRules.tenantId, autoReplyLog.tenantId)),
    )
    .where(eq(autoReplyLog.id, logId));
  return row ?? null;
}

/**
 * Settles a scheduled reply `failed` or `cancelled` with a reason (a settled one is kept).
 * A reply that holds its message unit (SaaS mode, {@link holdReplyUnit}) gives it back
 * (billing's `giveBackUnits`) and clears `unit_held` in the same transaction; the update is
 * conditional on the row still being scheduled and held, so a second settle gives nothing.
 */
export async function settleLog(
  db: Db,
  log: Pick<LogRow, "id" | "tenantId">,
  outcome: "failed" | "cancelled",
  error: string,
): Promise<void> {
  await db.transaction((tx) => settleIn(tx, log, outcome, error));
}

async function settleIn(
  tx: Tx,
  log: Pick<LogRow, "id" | "tenantId">,
  outcome: "failed" | "cancelled",
  error: string,
): Promise<void> {
  const scheduled = and(
    eq(autoReplyLog.tenantId, log.tenantId),
    eq(autoReplyLog.id, log.id),
    eq(autoReplyLog.outcome, "scheduled"),
  );
  const held = await tx
    .update(autoReplyLog)
    .set({ outcome, error, unitHeld: false })
    .where(and(scheduled, eq(autoReplyLog.unitHeld, true)))
    .returning({ id: autoReplyLog.id });
  if (held.length > 0) return giveBackUnits(tx, log.tenantId, 1);
  await tx
    .update(autoReplyLog)
    .set({ outcome, error })
    .where(and(scheduled, eq(autoReplyLog.unitHeld, false)));
}

/**
 * SaaS mode, just before the send: in one transaction, with the log row and the shop's
 * balance locked (billing's `holdUnitFor`), the reply takes its message unit and records
 * `unit_held` — once: a retried job (a crash after the send) finds it held and takes nothing
 * more. A shop with a send block or no unit left: the reply is settled `cancelled`
 * `subscription_inactive` / `quota_exhausted` there (a held unit given back).
 * @returns true: send it (it holds its unit, or the shop is unmetered); false: it is not
 *   to be sent (no longer scheduled, or cancelled now)
 */
export function holdReplyUnit(db: Db, log: Pick<LogRow, "id" | "tenantId">): Promise<boolean> {
  const row = and(eq(autoReplyLog.tenantId, log.tenantId), eq(autoReplyLog.id, log.id));
  return holdUnitFor(db, log.tenantId, {
    lock: async (tx) => {
      const [r] = await tx
        .select({ held: autoReplyLog.unitHeld })
        .from(autoReplyLog)
        .where(and(row, eq(autoReplyLog.outcome, "scheduled")))
        .for("update");
      return r?.held;
    },
    markHeld: (tx) => tx.update(autoReplyLog).set({ unitHeld: true }).where(row),
    cancel: (tx, reason) => settleIn(tx, log, "cancelled", reason),
  });
}

/**
 * Records a sent auto-reply: its outgoing message row and the conversation's last activity
 * (the inbox module's `insertAutoReply`, de-duplicated by network id like every outgoing
 * message), and the log row `sent`, in one transaction. It takes no unit: a metered reply
 * took its unit before the send ({@link holdReplyUnit}) and keeps it.
 * @returns the message row id
 */
export async function recordSent(db: Db, log: LogRow, networkId: string, sentAt: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await insertAutoReply(tx, {
      tenantId: log.tenantId,
      channelId: log.channelId,
      contactId: log.contactId,
      networkId,
      text: log.replyText,
      sentAt,
    });
    await tx
      .update(autoReplyLog)
      .set({ outcome: "sent", replyMessageId: id, sentAt, error: null })
      .where(and(eq(autoReplyLog.tenantId, log.tenantId), eq(autoReplyLog.id, log.id)));
    return id;
  });
}

/** A log row with the customer it answered and the text of their message. */
export interface LogWithContext {
  log: LogRow;
  contactName: string | null;
  contactPhone: string;
  messageText: string | null;
}

/** The log rows the actor sees: those on its outlets' numbers (every row for an actor of every outlet). */
export const logOfActor = (actor: Actor): SQL => channelInScope(actor, autoReplyLog.channelId);

/** A rule's log within `scope` ({@link logOfActor}), latest incoming message first, with the customer and their message. */
export async function logOfRule(
  db: Db,
  tenantId: string,
  ruleId: string,
  limit: number,
  scope: SQL = sql`TRUE`,
): Promise<LogWithContext[]> {
  return db
    .select({
      log: autoReplyLog,
      contactName: contacts.name,
      contactPhone: contacts.phone,
      messageText: messages.text,
    })
    .from(autoReplyLog)
    .innerJoin(
      contacts,
      and(eq(contacts.id, autoReplyLog.contactId), eq(contacts.tenantId, autoReplyLog.tenantId)),
    )
    .innerJoin(
      messages,
      and(eq(messages.id, autoReplyLog.messageId), eq(messages.tenantId, autoReplyLog.tenantId)),
    )
    .where(and(eq(autoReplyLog.tenantId, tenantId), eq(autoReplyLog.ruleId, ruleId), scope))
    .orderBy(desc(autoReplyLog.at), desc(autoReplyLog.createdAt))
    .limit(limit);
}

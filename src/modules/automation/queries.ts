/** Drizzle queries of the automation module; every one scoped to a tenant. */
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  autoReplyLog,
  autoReplyRules,
  contacts,
  messages,
  tenants,
  type AutoReplyOutcome,
} from "../../db/schema/index.js";
import { insertAutoReply } from "../inbox/index.js";
import { parseConfig, type MatchableRule } from "./rules.js";
import type { ReplyAnswer } from "./bot.js";

export type RuleRow = typeof autoReplyRules.$inferSelect;
export type LogRow = typeof autoReplyLog.$inferSelect;

/** A rule row whose config validated for its type, ready for the matcher. */
export type LiveRule = RuleRow & MatchableRule;

/** The tenant's enabled rules whose config still validates. */
export async function enabledRules(db: Db, tenantId: string): Promise<LiveRule[]> {
  const rows = await db
    .select()
    .from(autoReplyRules)
    .where(and(eq(autoReplyRules.tenantId, tenantId), eq(autoReplyRules.enabled, true)))
    .orderBy(asc(autoReplyRules.createdAt));
  const out: LiveRule[] = [];
  for (const r of rows) {
    const config = parseConfig(r.type, r.config);
    if (config) out.push({ ...r, config } as LiveRule);
  }
  return out;
}

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

/** Settles a scheduled reply: `failed` or `cancelled` with a reason. */
export async function settleLog(
  db: Db,
  log: Pick<LogRow, "id" | "tenantId">,
  outcome: "failed" | "cancelled",
  error: string,
): Promise<void> {
  await db
    .update(autoReplyLog)
    .set({ outcome, error })
    .where(
      and(
        eq(autoReplyLog.tenantId, log.tenantId),
        eq(autoReplyLog.id, log.id),
        eq(autoReplyLog.outcome, "scheduled"),
      ),
    );
}

/**
 * Records a sent auto-reply: its outgoing message row and the conversation's last activity
 * (the inbox module's `insertAutoReply`, de-duplicated by network id like every outgoing
 * message), and the log row `sent`, in one transaction.
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

/** A rule's log, latest incoming message first, with the customer and their message. */
export async function logOfRule(
  db: Db,
  tenantId: string,
  ruleId: string,
  limit: number,
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
    .where(and(eq(autoReplyLog.tenantId, tenantId), eq(autoReplyLog.ruleId, ruleId)))
    .orderBy(desc(autoReplyLog.at), desc(autoReplyLog.createdAt))
    .limit(limit);
}

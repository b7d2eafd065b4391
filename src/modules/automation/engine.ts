/**
 * The auto-reply engine: decides which rule answers an incoming message and schedules the
 * reply as a pg-boss job (`auto-reply`, jobs/auto-reply.ts, `startAfter` = the human-like
 * delay) so a restart loses no scheduled reply. The job (send.ts) shows "typing…" and sends.
 * The decision runs in the `inbound-reaction` job (src/modules/reactions) the inbox's intake
 * queues in the transaction that stores the message, so a crash after the commit loses no
 * decision; that job runs one contact's messages one after another.
 *
 * Decision for one incoming message, one reply at most (the tenant's enabled rules come
 * from a per-process cache, rule-cache.ts; a tenant without an enabled rule for the
 * message's channel costs no query):
 * 1. The contact is opted out: if this very message opted them out (the inbox sets
 *    `opted_out_at` to the message time) and the tenant has an enabled `opt_out` rule,
 *    that rule confirms the opt-out; otherwise nothing is sent (`opted_out` is logged when
 *    a rule would have answered).
 * 2. Otherwise the matcher picks the rule (matcher.ts). Nothing matches: nothing logged.
 *    A message older than `maxMessageAgeMs` when it arrives (a reconnect delivering
 *    yesterday's messages) is not answered: `stale` logged.
 * 3. The rule answered this contact within its cooldown: `cooldown` logged, nothing sent
 *    (a lower rule does not step in: one answer per rule window is the point).
 * 4. The contact looks like a bot (bot.ts), or was found to be one within the pause:
 *    `suspected_bot` logged, nothing sent.
 * 5. Else `scheduled`: the rule's trigger count and last-triggered time move, the rendered
 *    reply is stored on the log row, and the job is enqueued in the same transaction.
 *
 * Outgoing messages never trigger anything. Idempotent: a message that already has a log
 * row is not decided again (a retried reaction job writes no second row, queues no second
 * reply).
 */
import type pg from "pg";
import type { Db } from "../../db/client.js";
import { inTransaction } from "../../db/transaction.js";
import type { Enqueue } from "../../jobs/enqueue.js";
import { BOT_PAUSE_MIN_SECONDS, BOT_STREAK, looksLikeBot } from "./bot.js";
import { byPrecedence, pickRule } from "./matcher.js";
import { inboundContext, type InboundContext } from "./queries/context.js";
import {
  botPaused,
  decidedFor,
  inCooldown,
  insertLog,
  latestReplyAnswers,
  type NewLog,
} from "./queries/log.js";
import { enabledRules, type LiveRule } from "./queries/rules.js";
import { autoReplyJob } from "./jobs/auto-reply.js";
import { renderReply } from "./reply.js";
import { cachedRules } from "./rule-cache.js";
import { moduleEnabled } from "../tenants/index.js";

/** Longest "typing…" before a reply, ms (the rest of the delay passes before the job starts). */
const MAX_TYPING_MS = 4_000;

/** Engine knobs. */
export interface AutoReplyEngineOptions {
  /**
   * Multiplies every reply delay (default 1). Rules keep the API's 1–60 s range; tests set
   * 0 so a reply goes out at once (KABAR_AUTO_REPLY_DELAY_SCALE).
   */
  delayScale?: number;
  /** Random source in [0, 1) for the delay (default Math.random). */
  rand?: () => number;
  /**
   * An incoming message older than this when it reaches the engine (ms, default 10 min) is
   * not answered (`stale`): a channel reconnecting after hours must not answer yesterday's
   * messages now.
   */
  maxMessageAgeMs?: number;
}

/** Default of AutoReplyEngineOptions.maxMessageAgeMs: 10 minutes. */
const DEFAULT_MAX_MESSAGE_AGE_MS = 10 * 60_000;

/** What the engine needs (given by the composition root). */
interface AutoReplyEngineDeps {
  db: Db;
  pool: pg.Pool;
  /** The job registry's enqueue (src/jobs/enqueue.ts). */
  enqueue: Enqueue;
  options?: AutoReplyEngineOptions;
}

/** A customer's stored message, as the engine is asked about it. */
export interface IncomingMessageRef {
  tenantId: string;
  channelId: string;
  contactId: string;
  messageId: string;
}

/**
 * The engine's decision for one incoming message (see the file header). The caller runs
 * one contact's messages one after another (cooldowns are checked against earlier ones).
 * @returns decide(m): resolves when the decision (and the reply's job) is written;
 *   rejects on a database error (nothing half-written: a retry decides again)
 */
export function autoReplyEngine(d: AutoReplyEngineDeps): (m: IncomingMessageRef) => Promise<void> {
  const scale = d.options?.delayScale ?? 1;
  const rand = d.options?.rand ?? Math.random;
  const maxAgeMs = d.options?.maxMessageAgeMs ?? DEFAULT_MAX_MESSAGE_AGE_MS;
  const stale = (ctx: InboundContext) => Date.now() - ctx.message.at.getTime() > maxAgeMs;

  async function decide(e: IncomingMessageRef): Promise<void> {
    // Nearly free when nothing can answer: the tenant's rules come from the per-process
    // cache (rule-cache.ts), and without an enabled rule for this channel (opt-out
    // confirmations included) no other query runs.
    const rules = (await cachedRules(e.tenantId, () => enabledRules(d.db, e.tenantId))).filter(
      (r) => r.channelId === null || r.channelId === e.channelId,
    );
    if (rules.length === 0) return;
    // A shop that switched automation off (src/lib/modules.ts) is not answered: read fresh
    // (one primary-key read, only for shops with rules), so switching back on acts at once.
    if (!(await moduleEnabled(d.db, e.tenantId, "automation"))) return;
    const ctx = await inboundContext(d.db, e.tenantId, e.messageId, {
      previous: rules.some((r) => r.type === "welcome"),
    });
    if (!ctx) return;
    // Already decided (a retried job): one log row per incoming message at most.
    if (await decidedFor(d.db, ctx.tenantId, ctx.contact.id, ctx.message.at, ctx.message.id)) return;
    const base = {
      tenantId: ctx.tenantId,
      channelId: ctx.message.channelId,
      messageId: ctx.message.id,
      contactId: ctx.contact.id,
      conversationId: ctx.conversationId,
      at: ctx.message.at,
    };
    if (ctx.contact.optedOut) {
      const optedOutNow = ctx.contact.optedOutAt?.getTime() === ctx.message.at.getTime();
      const confirm = optedOutNow
        ? rules
            .filter(
              (r) => r.type === "opt_out" && (r.channelId === null || r.channelId === ctx.message.channelId),
            )
            .sort(byPrecedence)[0]
        : undefined;
      if (confirm) {
        if (stale(ctx)) await insertLog(d.db, { ...base, ruleId: confirm.id, outcome: "stale" });
        else if (
          await inCooldown(
            d.db,
            ctx.tenantId,
            confirm.id,
            ctx.contact.id,
            ctx.message.at,
            confirm.cooldownSeconds,
          )
        )
          await insertLog(d.db, { ...base, ruleId: confirm.id, outcome: "cooldown" });
        else await schedule(ctx, confirm, base);
        return;
      }
      const would = pickRule(rules, matchContext(ctx));
      if (would) await insertLog(d.db, { ...base, ruleId: would.id, outcome: "opted_out" });
      return;
    }
    const rule = pickRule(rules, matchContext(ctx));
    if (!rule) return;
    if (stale(ctx)) {
      await insertLog(d.db, { ...base, ruleId: rule.id, outcome: "stale" });
      return;
    }
    if (await inCooldown(d.db, ctx.tenantId, rule.id, ctx.contact.id, ctx.message.at, rule.cooldownSeconds)) {
      await insertLog(d.db, { ...base, ruleId: rule.id, outcome: "cooldown" });
      return;
    }
    const pause = Math.max(rule.cooldownSeconds, BOT_PAUSE_MIN_SECONDS);
    if (
      (await botPaused(d.db, ctx.tenantId, ctx.contact.id, ctx.message.at, pause)) ||
      looksLikeBot(
        await latestReplyAnswers(d.db, ctx.tenantId, ctx.contact.id, ctx.message.at, pause, BOT_STREAK),
      )
    ) {
      await insertLog(d.db, { ...base, ruleId: rule.id, outcome: "suspected_bot" });
      return;
    }
    await schedule(ctx, rule, base);
  }

  async function schedule(
    ctx: InboundContext,
    rule: LiveRule,
    base: Omit<NewLog, "ruleId" | "outcome">,
  ): Promise<void> {
    const seconds = rule.delayMinSeconds + rand() * (rule.delayMaxSeconds - rule.delayMinSeconds);
    const delayMs = Math.round(seconds * 1000 * scale);
    const typingMs = Math.min(delayMs, MAX_TYPING_MS);
    const replyText = renderReply(rule.reply, ctx.contact, ctx.message.id);
    await inTransaction(d.pool, async (tx, raw) => {
      const log = await insertLog(tx, { ...base, ruleId: rule.id, outcome: "scheduled", replyText });
      await d.enqueue(
        autoReplyJob,
        { logId: log.id, typingMs },
        { tx: raw, startAfter: new Date(Date.now() + delayMs - typingMs), singletonKey: log.id },
      );
    });
  }

  return decide;
}

/** The matcher's view of an incoming message. */
function matchContext(ctx: InboundContext) {
  return {
    text: ctx.message.text,
    channelId: ctx.message.channelId,
    at: ctx.message.at.getTime(),
    timeZone: ctx.timeZone,
    previousInboundAt: ctx.previousInboundAt?.getTime() ?? null,
  };
}

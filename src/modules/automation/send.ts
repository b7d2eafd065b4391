/**
 * The `auto-reply` job's work (jobs/auto-reply.ts): sends one scheduled auto-reply through the channel's live
 * transport, the way campaigns send (Transport.send with a stable message id, "typing…"
 * first), and records it: an outgoing row in `messages` (receipts then move it like any
 * outgoing message) and the log row `sent` with the reply's message id.
 *
 * - The channel is live in another process, or not at all: the job throws and pg-boss
 *   retries it with backoff (the job's retry policy); on the last attempt the log is `failed`.
 * - The contact opted out meanwhile (except for an opt-out confirmation), or the rule was
 *   disabled: `cancelled`, nothing sent.
 * - SaaS mode, just before the send (the channel live here): the shop's subscription is
 *   expired or suspended (`subscription_inactive`) or no message unit is left
 *   (`quota_exhausted`): `cancelled` with that error, nothing sent; else the reply takes its
 *   unit and holds it (`unit_held`, queries/log.ts `holdReplyUnit`, the shop's balance
 *   locked: two replies racing for the last unit cannot both go). Recorded sent, it keeps
 *   the unit; settled failed or cancelled, it gives it back, once.
 * - The message id derives from the log row, so a retried job (a crash after the send)
 *   sends the same id again and the transports that de-duplicate deliver it once; the
 *   retry finds the unit held and takes no other.
 */
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Bus } from "../../lib/bus.js";
import { type SendResult, TransportError, type Transport } from "../../channels/transport.js";
import { holdReplyUnit, recordSent, scheduledReply, settleLog } from "./queries/log.js";

/** The stable WhatsApp-Web-shaped message id of an auto-reply ("3EB0" + 18 hex). */
function autoReplyMessageId(logId: string): string {
  return `3EB0${createHash("sha256").update(`auto-reply:${logId}`).digest("hex").slice(0, 18).toUpperCase()}`;
}

export interface AutoReplySenderDeps {
  db: Db;
  bus: Bus;
  log: Logger;
  /** The live transport of a channel in this process (ChannelManager.transport). */
  transport(channelId: string): Transport | undefined;
  /** The billing service: `enabled` (SaaS mode) meters auto-replies (docs/billing.md "Quota metering"). */
  billing?: { readonly enabled: boolean };
}

/**
 * Sends the auto-reply of one `auto-reply` job (`job`: its payload; `typingMs` in ms).
 * @param lastAttempt the job's retries are used up: settle the log `failed` instead of throwing
 * @throws Error when the channel is not live here or a retryable send failed (pg-boss retries)
 */
export async function sendAutoReply(
  d: AutoReplySenderDeps,
  job: { logId: string; typingMs: number },
  lastAttempt: boolean,
): Promise<void> {
  const row = await scheduledReply(d.db, job.logId);
  if (row?.log.outcome !== "scheduled") return;
  const { log } = row;
  if (!row.ruleEnabled) return settleLog(d.db, log, "cancelled", "rule_disabled");
  if (row.optedOut && row.ruleType !== "opt_out") return settleLog(d.db, log, "cancelled", "opted_out");
  const transport = d.transport(log.channelId);
  if (!transport) {
    if (lastAttempt) return settleLog(d.db, log, "failed", "channel_unavailable");
    throw new Error(`channel ${log.channelId} is not live in this process`);
  }
  // SaaS mode: the reply takes and holds its unit now, or is cancelled (blocked shop, no unit left).
  if (d.billing?.enabled === true && !(await holdReplyUnit(d.db, log))) return;
  const messageId = autoReplyMessageId(log.id);
  let result: SendResult;
  try {
    if (transport.setTyping && job.typingMs > 0) {
      await transport.setTyping(row.phone, true);
      await new Promise((res) => setTimeout(res, job.typingMs));
    }
    result = await transport.send(row.phone, { text: log.replyText ?? "" }, { messageId });
  } catch (err) {
    if (transport.setTyping && job.typingMs > 0) await transport.setTyping(row.phone, false).catch(() => {});
    const retry = err instanceof TransportError ? err.retryable : true;
    if (retry && !lastAttempt) throw err;
    d.log.warn({ err, logId: log.id }, "an auto-reply could not be sent");
    return settleLog(d.db, log, "failed", err instanceof TransportError ? err.code : "error");
  }
  // A failure from here on retries the job: the resend carries the same id.
  const replyId = await recordSent(d.db, log, result.messageId, new Date(result.at));
  d.bus.emit("message.new", {
    tenantId: log.tenantId,
    channelId: log.channelId,
    contactId: log.contactId,
    messageId: replyId,
    direction: "out",
    ...(log.conversationId ? { conversationId: log.conversationId } : {}),
  });
}

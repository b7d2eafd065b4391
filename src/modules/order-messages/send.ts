/**
 * The `order-message` job's work (jobs/order-message.ts): sends one scheduled order message
 * through the channel's live transport, like an auto-reply (automation/send.ts), and records
 * it in the customer's inbox thread (the inbox's `insertSentMessage`) with the log row `sent`.
 *
 * - The customer opted out meanwhile: `cancelled` `opted_out`, nothing sent; the number or
 *   the customer deleted meanwhile: `cancelled` `no_channel` / `no_contact`.
 * - SaaS mode, just before the send (the channel live here): the shop's subscription is
 *   expired or suspended, or no message unit is left: `cancelled` `subscription_inactive` /
 *   `quota_exhausted`, nothing sent; else the message takes its unit and holds it
 *   (`unit_held`, queries.ts `holdMessageUnit`, the shop's balance locked: two messages
 *   racing for the last unit cannot both go). Recorded sent, it keeps the unit; settled
 *   failed or cancelled, it gives it back, once. A retried job finds it held.
 * - A Cloud API number with the window open: a COD question or reminder goes with its YA /
 *   BATAL reply buttons (cod.ts `codButtons`), recorded with the message for the thread.
 * - A Cloud API number with the customer's 24-hour window closed (channels/cloud-api/window.ts):
 *   the event's approved template, its parameters from the message's variables
 *   ({@link templateParams}), or `cancelled` `window_closed` when the event has none.
 * - The channel is not live in this process: the job throws and pg-boss retries it; on the
 *   last attempt the log is `failed` `channel_unavailable`.
 * - The message id derives from the log row, so a retried job (a crash after the send)
 *   sends the same id again and the transports that de-duplicate deliver it once.
 */
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Bus } from "../../lib/bus.js";
import { syncedTemplate, templateParameters } from "../../channels/cloud-api/index.js";
import type { CloudApiOutgoing } from "../../channels/cloud-api/transport.js";
import { isWindowOpen, lastInbound } from "../../channels/cloud-api/window.js";
import { type SendResult, TransportError, type Transport } from "../../channels/transport.js";
import { codButtons } from "./cod-buttons.js";
import {
  conversationOf,
  holdMessageUnit,
  recordSent,
  scheduledMessage,
  settingsOf,
  settleMessage,
} from "./queries.js";
import { effectiveSettings } from "./settings.js";

/** The stable WhatsApp-Web-shaped message id of an order message ("3EB0" + 18 hex). */
function orderMessageId(logId: string): string {
  return `3EB0${createHash("sha256").update(`order-message:${logId}`).digest("hex").slice(0, 18).toUpperCase()}`;
}

export interface OrderMessageSenderDeps {
  db: Db;
  bus: Bus;
  log: Logger;
  /** The live transport of a channel in this process (ChannelManager.transport). */
  transport(channelId: string): Transport | undefined;
  /** Now, epoch ms (tests: a fixed clock). */
  now?: () => number;
  /** The billing service: `enabled` (SaaS mode) meters order messages (docs/billing.md "Quota metering"). */
  billing?: { readonly enabled: boolean };
}

/**
 * A template's parameter values from a message's variables. A NAMED parameter takes the
 * variable of its name, an order variable written with `_` for the dot (`order_number` →
 * `{{order.number}}`); POSITIONAL `{{1}}`, `{{2}}`, … take the variables the shop's text
 * uses, in their order (text "Halo {{name}}, pesanan {{order.number}}" → {{1}} = name,
 * {{2}} = order number). A variable without a value gives "-" (Meta refuses empty parameters).
 */
export function templateParams(
  names: readonly string[],
  format: "NAMED" | "POSITIONAL",
  variables: { used: string[]; values: Record<string, string> },
): string[] | Record<string, string> {
  const value = (v: string | undefined) => (v && v.trim() !== "" ? v : "-");
  if (format === "NAMED") {
    const out: Record<string, string> = {};
    for (const n of names)
      out[n] = value(variables.values[n] ?? variables.values[n.replace(/^order_/, "order.")]);
    return out;
  }
  return names.map((_, i) => value(variables.values[variables.used[i] ?? ""]));
}

/**
 * Sends the order message of one `order-message` job.
 * @param lastAttempt the job's retries are used up: settle the log `failed` instead of throwing
 * @throws Error when the channel is not live here or a retryable send failed (pg-boss retries)
 */
export async function sendOrderMessage(
  d: OrderMessageSenderDeps,
  job: { logId: string },
  lastAttempt: boolean,
): Promise<void> {
  const row = await scheduledMessage(d.db, job.logId);
  if (row?.log.outcome !== "scheduled") return;
  const log = row.log as typeof row.log & { channelId: string; contactId: string };
  // The number or the customer was deleted since the message was written.
  if (row.channelKind === null) return settleMessage(d.db, log, "cancelled", "no_channel");
  if (row.phone === null) return settleMessage(d.db, log, "cancelled", "no_contact");
  if (row.optedOut) return settleMessage(d.db, log, "cancelled", "opted_out");
  if (row.commerceOff) return settleMessage(d.db, log, "cancelled", "module_disabled");
  let outgoing: CloudApiOutgoing = { text: log.text };
  let shown = log.text;
  if (row.channelKind === "cloud_api") {
    const channel = { id: log.channelId, tenantId: log.tenantId };
    const last = await lastInbound(d.db, channel, row.phone);
    const open = isWindowOpen(last?.at ?? null, d.now?.() ?? Date.now());
    // WhatsApp Web and sandbox numbers keep the typed words: their buttons are unreliable.
    if (open && (log.event === "cod_confirm" || log.event === "cod_reminder"))
      outgoing = { text: log.text, buttons: codButtons(log.orderId) };
    if (!open) {
      const wa = effectiveSettings(await settingsOf(d.db, log.tenantId)).events[log.event].waTemplate;
      if (!wa) return settleMessage(d.db, log, "cancelled", "window_closed");
      const synced = await syncedTemplate(d.db, log.tenantId, log.channelId, wa.name, wa.language);
      const params = synced
        ? templateParameters(synced.components, synced.parameterFormat)
        : { format: "POSITIONAL" as const, header: [], body: log.variables.used };
      const body = templateParams(params.body, params.format, log.variables);
      const header = templateParams(params.header, params.format, log.variables);
      const values = (p: string[] | Record<string, string>) => (Array.isArray(p) ? p : Object.values(p));
      outgoing = {
        template: {
          name: wa.name,
          language: wa.language,
          ...(values(body).length ? { body } : {}),
          ...(values(header).length ? { header } : {}),
        },
      };
      const all = [...values(header), ...values(body)];
      shown = all.length ? `[${wa.name}] ${all.join(" · ")}` : `[${wa.name}]`;
    }
  }
  const transport = d.transport(log.channelId);
  if (!transport) {
    if (lastAttempt) return settleMessage(d.db, log, "failed", "channel_unavailable");
    throw new Error(`channel ${log.channelId} is not live in this process`);
  }
  // SaaS mode: the message takes and holds its unit now, or is cancelled (blocked shop, no unit left).
  if (d.billing?.enabled === true && !(await holdMessageUnit(d.db, log))) return;
  let result: SendResult;
  try {
    result = await transport.send(row.phone, outgoing, { messageId: orderMessageId(log.id) });
  } catch (err) {
    const retry = err instanceof TransportError ? err.retryable : true;
    if (retry && !lastAttempt) throw err;
    d.log.warn({ err, logId: log.id }, "an order message could not be sent");
    return settleMessage(d.db, log, "failed", err instanceof TransportError ? err.code : "error");
  }
  // A failure from here on retries the job: the resend carries the same id.
  const messageId = await recordSent(
    d.db,
    log,
    result.messageId,
    shown,
    new Date(result.at),
    outgoing.buttons,
  );
  const conversationId = await conversationOf(d.db, log.tenantId, log.channelId, log.contactId);
  d.bus.emit("message.new", {
    tenantId: log.tenantId,
    channelId: log.channelId,
    contactId: log.contactId,
    messageId,
    direction: "out",
    ...(conversationId ? { conversationId } : {}),
  });
}

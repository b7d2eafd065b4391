/**
 * The inbox's PostgreSQL listener, in every process that holds live channels (topics in
 * src/db/topics.ts):
 * - MESSAGE_STATUS_TOPIC (trigger `messages_status_notify`, migration 0006): an agent's
 *   message changed status, whoever wrote it (the send, or the campaign recorder's
 *   receipts). The process holding the message's channel announces `message.status` on
 *   its bus, so each change reaches the sockets once (the Socket.IO adapter spreads it to
 *   the other processes).
 * - INBOX_SEND_TOPIC: an agent's message stored by another process, to send here when this
 *   process holds its channel.
 */
import type pg from "pg";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { ChannelManager } from "../../channels/manager.js";
import {
  INBOX_SEND_TOPIC,
  listen,
  MESSAGE_STATUS_TOPIC,
  type InboxSendPayload,
  type MessageStatusPayload,
} from "../../db/topics.js";
import type { EventHook } from "../../db/event-hooks.js";
import type { Bus } from "../../lib/bus.js";
import { deliverForwarded } from "./send.js";

/**
 * Starts listening (reconnecting after 1 s when the connection drops).
 * @returns a function that stops listening
 */
export async function startInboxListener(deps: {
  db: Db;
  pool: pg.Pool;
  bus: Bus;
  manager: ChannelManager;
  log: Logger;
  /** Called in the transaction of the network's answer to a forwarded message (send.ts): outgoing webhooks. */
  events?: EventHook;
}): Promise<() => Promise<void>> {
  const { pool, bus, manager, log } = deps;
  let client: pg.PoolClient | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const onStatus = (p: MessageStatusPayload) => {
    if (!manager.holds(p.channelId)) return;
    bus.emit("message.status", {
      tenantId: p.tenantId,
      channelId: p.channelId,
      contactId: p.contactId,
      messageId: p.id,
      status: p.status,
      error: p.error,
    });
  };
  const onSend = (p: InboxSendPayload) => {
    if (!manager.holds(p.channelId)) return;
    deliverForwarded(deps.db, manager, p.messageId, deps.events).catch((err) =>
      log.error({ err, messageId: p.messageId }, "sending a forwarded inbox message failed"),
    );
  };

  const connect = async (): Promise<void> => {
    retry = null;
    if (stopped) return;
    let c: pg.PoolClient | null = null;
    let broken = false;
    try {
      c = await pool.connect();
      const own = c;
      own.on("error", (err) => {
        // A dropped connection can report more than one error; it is given back once.
        if (broken) return;
        broken = true;
        log.warn({ err }, "the inbox listener connection failed; reconnecting");
        if (client === own) client = null;
        own.release(err);
        if (!stopped && !retry) retry = setTimeout(() => void connect(), 1000);
      });
      await listen(c, MESSAGE_STATUS_TOPIC, onStatus);
      await listen(c, INBOX_SEND_TOPIC, onSend);
      if (stopped) c.release(true);
      else client = c;
    } catch (err) {
      // A LISTEN that failed on an open connection: give the connection back as broken.
      if (c && !broken) {
        broken = true;
        c.release(err as Error);
      }
      log.warn({ err }, "the inbox listener could not connect; retrying");
      if (!stopped && !retry) retry = setTimeout(() => void connect(), 1000);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    client?.release(true);
    client = null;
  };
}

/**
 * The inbox's PostgreSQL listener, in every process that holds live channels:
 * - `kabar_message_status` (trigger `messages_status_notify`, migration 0006): an agent's
 *   message changed status, whoever wrote it (the send, or the campaign recorder's
 *   receipts). The process holding the message's channel announces `message.status` on
 *   its bus, so each change reaches the sockets once (the Socket.IO adapter spreads it to
 *   the other processes).
 * - SEND_CHANNEL: an agent's message stored by another process, to send here when this
 *   process holds its channel.
 */
import type pg from "pg";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { ChannelManager } from "../../channels/manager.js";
import type { Bus } from "../../lib/bus.js";
import { SEND_CHANNEL } from "./queries/outgoing.js";
import { deliverForwarded } from "./send.js";

/** The NOTIFY channel of the status trigger. */
export const STATUS_CHANNEL = "kabar_message_status";

interface StatusPayload {
  id: string;
  tenantId: string;
  channelId: string;
  contactId: string;
  status: string;
  error: string | null;
}

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
}): Promise<() => Promise<void>> {
  const { pool, bus, manager, log } = deps;
  let client: pg.PoolClient | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const onNotification = (n: pg.Notification) => {
    if (!n.payload) return;
    let p: StatusPayload & { messageId?: string };
    try {
      p = JSON.parse(n.payload) as typeof p;
    } catch {
      return;
    }
    if (!manager.holds(p.channelId)) return;
    if (n.channel === STATUS_CHANNEL) {
      bus.emit("message.status", {
        tenantId: p.tenantId,
        channelId: p.channelId,
        contactId: p.contactId,
        messageId: p.id,
        status: p.status,
        error: p.error,
      });
    } else if (n.channel === SEND_CHANNEL && p.messageId) {
      deliverForwarded(deps.db, manager, p.messageId).catch((err) =>
        log.error({ err, messageId: p.messageId }, "sending a forwarded inbox message failed"),
      );
    }
  };

  const connect = async (): Promise<void> => {
    retry = null;
    if (stopped) return;
    let c: pg.PoolClient | null = null;
    let broken = false;
    try {
      c = await pool.connect();
      c.on("notification", onNotification);
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
      await c.query(`LISTEN ${STATUS_CHANNEL}`);
      await c.query(`LISTEN ${SEND_CHANNEL}`);
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

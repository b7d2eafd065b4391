/**
 * Every PostgreSQL NOTIFY topic Kabar uses between its processes, with its payload type
 * (DESIGN.md §3, "Jobs and NOTIFY topics"). A topic is fire and forget: a process that
 * is not listening at that moment misses it, so each one only wakes or forwards work
 * whose state is in the database. The names are what PostgreSQL sees (`LISTEN name`) and
 * never change: processes of different versions share one database during an upgrade.
 *
 * Named `*_TOPIC`, never `*_CHANNEL`: a channel is a WhatsApp number here.
 */
import { sql } from "drizzle-orm";
import type pg from "pg";
import { z } from "zod";
import type { Db } from "./client.js";
import type { SqlExecutor } from "./transaction.js";

/** A NOTIFY topic whose payloads are `P`. */
interface Topic<P> {
  /** The PostgreSQL channel name of `LISTEN` / `pg_notify`. */
  readonly name: string;
  /** The payload as sent (PostgreSQL caps it at 8,000 bytes). */
  encode(payload: P): string;
  /** The payload as received, or null when it is not one of this topic (it is ignored). */
  decode(payload: string): P | null;
}

/** A topic whose payload is JSON, checked by `schema` on receipt (a payload that does not match decodes to null). */
function jsonTopic<S extends z.ZodType>(name: string, schema: S): Topic<z.output<S>> {
  return {
    name,
    encode: (payload) => JSON.stringify(payload),
    decode: (payload) => {
      try {
        const parsed = schema.safeParse(JSON.parse(payload));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
  };
}

/**
 * A campaign of a channel was started, resumed, or had its failed recipients queued again:
 * wakes that channel's dispatcher in whichever process holds it. Payload: the channel id,
 * as plain text. Sent by the campaign service (in the same transaction); heard by the channel
 * listener (src/channels/control.ts). The CLI looks for `LISTEN kabar_dispatch` in
 * pg_stat_activity to tell whether a sender runs (src/cli/sender.ts).
 */
export const DISPATCH_WAKE_TOPIC: Topic<string> = {
  name: "kabar_dispatch",
  encode: (channelId) => channelId,
  decode: (payload) => payload || null,
};

/** The actions CHANNEL_CONTROL_TOPIC forwards. */
export const CONTROL_OPS = ["connect", "disconnect", "logout", "policy", "transport"] as const;

/**
 * An action forwarded through CHANNEL_CONTROL_TOPIC: `connect` | `disconnect` | `logout` |
 * `policy` (reload the pacing policy from the database) | `transport` (hand `action` to
 * the transport's `control`).
 */
export type ControlOp = (typeof CONTROL_OPS)[number];

/** A forwarded action as received. */
export interface ControlMessage {
  channelId: string;
  op: ControlOp;
  action?: unknown;
}

/**
 * An owner's action on a channel held by another process (or by none, from a web-only
 * process or the CLI). Payload: JSON `ControlMessage`. Sent by `forwardToHolder`; heard
 * by the channel listener of the process holding the channel (src/channels/control.ts).
 */
export const CHANNEL_CONTROL_TOPIC: Topic<ControlMessage> = jsonTopic(
  "kabar_channel_control",
  z.object({ channelId: z.string(), op: z.enum(CONTROL_OPS), action: z.unknown().optional() }),
);

/** Payload of INBOX_SEND_TOPIC. */
export interface InboxSendPayload {
  /** The agent's stored `messages` row, still `pending`. */
  messageId: string;
  channelId: string;
}

/**
 * An agent's message stored by a process that does not hold its channel: the holder
 * sends it. Payload: JSON `InboxSendPayload`. Sent by the inbox's send; heard by the inbox
 * listener (src/modules/inbox/listener.ts).
 */
export const INBOX_SEND_TOPIC: Topic<InboxSendPayload> = jsonTopic(
  "kabar_inbox_send",
  z.object({ messageId: z.string(), channelId: z.string() }),
);

/** Payload of MESSAGE_STATUS_TOPIC (built by the trigger; `error` cut to 500 characters). */
export interface MessageStatusPayload {
  /** The `messages` row. */
  id: string;
  tenantId: string;
  channelId: string;
  contactId: string;
  status: string;
  error: string | null;
}

/**
 * A non-campaign outgoing message changed status, whoever wrote it. Sent by the database
 * itself: trigger `messages_status_notify` (migration 0006), never by Kabar's code. Heard
 * by the inbox listener of the process holding the channel, which announces
 * `message.status` on its bus.
 */
export const MESSAGE_STATUS_TOPIC: Topic<MessageStatusPayload> = jsonTopic(
  "kabar_message_status",
  z.object({
    id: z.string(),
    tenantId: z.string(),
    channelId: z.string(),
    contactId: z.string(),
    status: z.string(),
    error: z.string().nullable(),
  }),
);

/**
 * Sends `payload` on `topic` (`SELECT pg_notify`). Inside a transaction (`inTransaction`'s
 * raw executor or its drizzle handle) PostgreSQL delivers it on commit, and never after a
 * rollback; on the pool it is delivered at once.
 * @throws the database's error
 */
export async function notify<P>(target: Db | SqlExecutor, topic: Topic<P>, payload: P): Promise<void> {
  const text = topic.encode(payload);
  if ("executeSql" in target) await target.executeSql("SELECT pg_notify($1, $2)", [topic.name, text]);
  else await target.execute(sql`SELECT pg_notify(${topic.name}, ${text})`);
}

/**
 * Makes `client` LISTEN to `topic` and hands each notification of it to `handler`,
 * decoded; payloads that do not decode are ignored. One connection may listen to several
 * topics, in the order of the calls. The handler is attached before the LISTEN runs.
 * @throws the database's error from LISTEN (the caller releases the connection)
 */
export async function listen<P>(
  client: pg.ClientBase,
  topic: Topic<P>,
  handler: (payload: P) => void,
): Promise<void> {
  client.on("notification", (n) => {
    if (n.channel !== topic.name || !n.payload) return;
    const payload = topic.decode(n.payload);
    if (payload !== null) handler(payload);
  });
  await client.query(`LISTEN ${topic.name}`);
}

/**
 * How Kabar processes talk about channels through PostgreSQL NOTIFY (src/db/topics.ts):
 * owner actions forwarded to the process that holds a channel (CHANNEL_CONTROL_TOPIC), and
 * dispatcher wake-ups (DISPATCH_WAKE_TOPIC). One LISTEN connection per process, named `presenceName(holder)` so the
 * other processes count this one while it lives (src/channels/leases.ts).
 */
import type pg from "pg";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import {
  CHANNEL_CONTROL_TOPIC,
  type ControlMessage,
  type ControlOp,
  DISPATCH_WAKE_TOPIC,
  listen,
  notify,
} from "../db/topics.js";
import { presenceName } from "./leases.js";

export type { ControlMessage, ControlOp } from "../db/topics.js";

/**
 * Asks whichever process holds `channelId` to perform `op` (NOTIFY CHANNEL_CONTROL_TOPIC), for
 * processes that do not hold it, or hold no channels at all (KABAR_ROLE=web). Fire and
 * forget: nothing happens when no process holds the channel.
 */
export async function forwardToHolder(
  db: Db,
  channelId: string,
  op: ControlOp,
  action?: unknown,
): Promise<void> {
  await notify(db, CHANNEL_CONTROL_TOPIC, { channelId, op, action });
}

/** What the listener hands on. */
interface ControlHandlers {
  /** A campaign of the channel was started, resumed or paused (DISPATCH_WAKE_TOPIC). */
  wake(channelId: string): void;
  /** An action forwarded by another process; rejected promises are logged. */
  control(message: ControlMessage): Promise<void>;
}

/**
 * The process's LISTEN connection. Opened by `listen()`; when it drops, `relisten()` (on
 * every heartbeat) opens a new one. Closed, not returned to the pool, because its name
 * marks this process as present.
 */
export class ControlListener {
  private client: pg.PoolClient | null = null;
  private opening: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly holder: string,
    private readonly handlers: ControlHandlers,
    private readonly log: Logger,
  ) {}

  /** Opens the connection and LISTENs. @throws the database's error */
  async listen(): Promise<void> {
    const client = await this.pool.connect();
    client.on("error", (err) => {
      this.log.warn({ err }, "the channel listener connection failed; reopening it on the next heartbeat");
      if (this.client === client) this.release(err);
    });
    try {
      await client.query(`SELECT set_config('application_name', $1, false)`, [presenceName(this.holder)]);
      await listen(client, CHANNEL_CONTROL_TOPIC, (message) =>
        this.handlers
          .control(message)
          .catch((err) => this.log.error({ err, message }, "a forwarded channel action failed")),
      );
      // Last, so pg_stat_activity shows this query: the CLI looks for it (src/cli/sender.ts).
      await listen(client, DISPATCH_WAKE_TOPIC, (channelId) => this.handlers.wake(channelId));
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    if (this.closed) client.release(true);
    else this.client = client;
  }

  /** Reopens the connection if it dropped; never rejects. */
  relisten(): void {
    if (this.client || this.closed) return;
    this.opening ??= this.listen()
      .catch((err) => this.log.warn({ err }, "listening for channel wake-ups failed"))
      .finally(() => (this.opening = null));
  }

  /** Stops listening for good (waits for an opening in progress). */
  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => {});
    this.release();
  }

  private release(err?: Error): void {
    const client = this.client;
    this.client = null;
    client?.release(err ?? true);
  }
}

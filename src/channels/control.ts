/**
 * How Kabar processes talk about channels through PostgreSQL NOTIFY: owner actions
 * forwarded to the process that holds a channel (CONTROL_CHANNEL), and dispatcher wake-ups
 * (WAKE_CHANNEL). One LISTEN connection per process, named `presenceName(holder)` so the
 * other processes count this one while it lives (src/channels/leases.ts).
 */
import type pg from "pg";
import type { Logger } from "pino";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { presenceName } from "./leases.js";

/** Name of the PostgreSQL NOTIFY channel that wakes a channel's dispatcher (payload: channel id). */
export const WAKE_CHANNEL = "kabar_dispatch";

/**
 * NOTIFY channel that forwards an owner's action to the process holding the channel.
 * Payload: JSON `{ channelId, op, action? }` with op `connect` | `disconnect` | `logout` |
 * `policy` (reload the pacing policy from the database) | `transport` (hand `action` to
 * the transport's `control`).
 */
export const CONTROL_CHANNEL = "kabar_channel_control";

/** An action forwarded through CONTROL_CHANNEL. */
export type ControlOp = "connect" | "disconnect" | "logout" | "policy" | "transport";

/** A forwarded action as received. */
export interface ControlMessage {
  channelId: string;
  op: ControlOp;
  action?: unknown;
}

const OPS: readonly string[] = ["connect", "disconnect", "logout", "policy", "transport"];

/**
 * Asks whichever process holds `channelId` to perform `op` (NOTIFY CONTROL_CHANNEL), for
 * processes that do not hold it, or hold no channels at all (KABAR_ROLE=web). Fire and
 * forget: nothing happens when no process holds the channel.
 */
export async function forwardToHolder(
  db: Db,
  channelId: string,
  op: ControlOp,
  action?: unknown,
): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${CONTROL_CHANNEL}, ${JSON.stringify({ channelId, op, action })})`);
}

/** The message in a CONTROL_CHANNEL payload, or null when it is not one. */
export function parseControl(payload: string): ControlMessage | null {
  try {
    const m = JSON.parse(payload) as { channelId?: unknown; op?: unknown; action?: unknown };
    return typeof m.channelId === "string" && typeof m.op === "string" && OPS.includes(m.op)
      ? { channelId: m.channelId, op: m.op as ControlOp, action: m.action }
      : null;
  } catch {
    return null;
  }
}

/** What the listener hands on. */
export interface ControlHandlers {
  /** A campaign of the channel was started, resumed or paused (WAKE_CHANNEL). */
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
    client.on("notification", (n) => {
      if (!n.payload) return;
      if (n.channel === WAKE_CHANNEL) this.handlers.wake(n.payload);
      const message = n.channel === CONTROL_CHANNEL ? parseControl(n.payload) : null;
      if (message)
        this.handlers
          .control(message)
          .catch((err) => this.log.error({ err, payload: n.payload }, "a forwarded channel action failed"));
    });
    try {
      await client.query(`SELECT set_config('application_name', $1, false)`, [presenceName(this.holder)]);
      await client.query(`LISTEN ${CONTROL_CHANNEL}`);
      // Last, so pg_stat_activity shows this query: the CLI looks for it (src/cli/sender.ts).
      await client.query(`LISTEN ${WAKE_CHANNEL}`);
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

/**
 * Presence from sockets. Each process counts the sockets of each agent it holds; when the
 * last one closes it stamps `last_seen_at` and, after the grace period, sets the agent
 * offline — unless they were seen since (a socket on another process stamps `last_seen_at`
 * every half grace period). Opening a socket does not set an agent online: agents choose
 * that themselves (PUT /agents/me/presence); it only cancels a pending grace period.
 */
import type { Db } from "../../db/client.js";
import { touchSeen, type SeenStamp } from "./queries.js";

/** What the realtime layer calls on each socket of a signed-in user. */
export interface Presence {
  socketConnected(userId: string, tenantId: string): void;
  socketDisconnected(userId: string, tenantId: string): void;
}

interface PresenceTrackerOptions {
  db: Db;
  /** How long after the last socket closes the agent goes offline, ms. */
  graceMs: number;
  /** Sets the agent offline unless seen after `seenAt` (hands their conversations over). */
  expire(userId: string, tenantId: string, seenAt: SeenStamp): Promise<void>;
  onError(err: unknown): void;
}

interface Local {
  tenantId: string;
  sockets: number;
  timer: NodeJS.Timeout | null;
}

/** Counts this process's sockets per agent and runs their grace timers. */
export class PresenceTracker implements Presence {
  private readonly local = new Map<string, Local>();
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;
  /**
   * This process's `last_seen_at` stamps, one after another in call order: a stamp from an
   * opening socket must never land after the stamp of its closing, or the grace period
   * would see the agent "seen since" and keep them online for good.
   */
  private stamps: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: PresenceTrackerOptions) {}

  socketConnected(userId: string, tenantId: string): void {
    if (this.closed) return;
    const entry = this.local.get(userId) ?? { tenantId, sockets: 0, timer: null };
    this.local.set(userId, entry);
    entry.sockets++;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    if (entry.sockets === 1) this.touch([userId]);
    this.heartbeat ??= setInterval(
      () => this.touch([...this.local].filter(([, l]) => l.sockets > 0).map(([id]) => id)),
      Math.min(30_000, Math.max(50, this.opts.graceMs / 2)),
    ).unref();
  }

  socketDisconnected(userId: string, tenantId: string): void {
    const entry = this.local.get(userId);
    if (this.closed || !entry || entry.sockets === 0) return;
    if (--entry.sockets > 0) return;
    if (![...this.local.values()].some((l) => l.sockets > 0) && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    this.serial(() => touchSeen(this.opts.db, [userId]))
      .then((seen) => {
        const seenAt = seen.get(userId);
        // No settings row: the agent was never online. A socket opened meanwhile: stay.
        if (!seenAt || this.closed || entry.sockets > 0 || entry.timer) return;
        entry.timer = setTimeout(() => {
          entry.timer = null;
          if (entry.sockets === 0) this.local.delete(userId);
          this.opts.expire(userId, tenantId, seenAt).catch((err: unknown) => this.opts.onError(err));
        }, this.opts.graceMs);
        entry.timer.unref();
      })
      .catch((err: unknown) => this.opts.onError(err));
  }

  /** Stops every timer; sockets that close afterwards change nothing. */
  close(): void {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const l of this.local.values()) if (l.timer) clearTimeout(l.timer);
    this.local.clear();
  }

  private touch(userIds: string[]): void {
    if (userIds.length > 0)
      this.serial(() => touchSeen(this.opts.db, userIds)).catch((err: unknown) => this.opts.onError(err));
  }

  private serial<T>(stamp: () => Promise<T>): Promise<T> {
    const next = this.stamps.then(stamp);
    this.stamps = next.catch(() => {});
    return next;
  }
}

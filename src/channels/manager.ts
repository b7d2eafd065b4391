import { join } from "node:path";
import type pg from "pg";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { HeldWrites } from "../db/held-writes.js";
import type { Bus } from "../lib/bus.js";
import { channelPacing, channelRowById, tenantTimeZoneOf, type ChannelRow } from "./channel-rows.js";
import { listenToTransport, saveRestrictions, type LiveChannel } from "./live-events.js";
import { RestrictionsWatch } from "./restrictions-watch.js";
import { ControlListener, forwardToHolder, type ControlMessage, type ControlOp } from "./control.js";
import { DEFAULT_LEASE_HEARTBEAT_MS, DEFAULT_LEASE_TTL_MS, LeaseKeeper, newHolderId } from "./leases.js";
import { PACING_PRESETS, pacingPolicySchema, type PacingPolicy } from "./pacing.js";
import type { TransportKinds } from "./factory.js";
import type { ChannelSender, InboundSink, SenderFactory } from "./sender.js";
import type { ChannelStatus, Transport } from "./transport.js";

/** Lease settings of a channel manager (see src/channels/leases.ts). */
export interface LeaseOptions {
  /** Lease time to live, ms (default 15 s); at least 3 × `heartbeatMs`. */
  ttlMs?: number;
  /** How often leases are renewed and channels rebalanced, ms (default 5 s). */
  heartbeatMs?: number;
  /** This process's holder id (default `newHolderId()`: hostname:pid:random). */
  holder?: string;
}

/** What a channel manager needs; `leases` has defaults. */
interface ChannelManagerDeps {
  db: Db;
  pool: pg.Pool;
  bus: Bus;
  log: Logger;
  /** Stores inbound messages (the inbox service). */
  inbox: InboundSink;
  /** How to build each kind of transport (see kinds.ts). */
  kinds: TransportKinds;
  secretKey: Buffer;
  /** KABAR_DATA_DIR: received media go under <dataDir>/media/<channel id>. */
  dataDir: string;
  /** Builds each live channel's sender (the campaign dispatcher: `campaignSenders`). */
  senders: SenderFactory;
  leases?: LeaseOptions;
  /** How often a connected channel's restrictions are read again, ms (default 5 minutes). */
  restrictionsRereadMs?: number;
}

/** Statuses after which a channel should be live: Kabar (re)connects it (the owner did not stop it). */
export const LIVE_STATUSES: readonly ChannelStatus[] = ["connected", "connecting", "qr"];

/** Statuses whose channel is never handed over for the fair share: a person may be scanning its QR right now. */
const NEVER_SHED: readonly ChannelStatus[] = ["qr", "connecting"];

/**
 * Holds the live connections of the channels this process leases (DESIGN.md §1, §4):
 * creates each transport, stores and publishes its status changes, routes receipts to the
 * channel's dispatcher and inbound messages to the inbox, and runs one Dispatcher per
 * channel.
 *
 * Several processes can share one database: each channel is held by the one process with
 * its lease (`channel_leases`). Every heartbeat a process renews its leases — a channel
 * whose lease is lost, or not confirmed within `ttl - heartbeat`, is stopped at once — and
 * rebalances: it takes channels that should be live and nobody holds, up to its fair share
 * `ceil(channels / processes)`, and gives up channels above it. A Dispatcher starts by
 * recovering recipients its predecessor left `sending`. Owner actions (connect, disconnect,
 * logout, pacing) on a channel held elsewhere are forwarded through CHANNEL_CONTROL_TOPIC;
 * dispatcher wake-ups (DISPATCH_WAKE_TOPIC) reach whichever process holds the channel.
 */
export class ChannelManager {
  /** This process's lease holder id. */
  readonly holder: string;
  private readonly leases: LeaseKeeper;
  private readonly live = new Map<string, LiveChannel>();
  /** Channels being taken (lease, then attach), so one is never attached twice. */
  private readonly taking = new Map<string, Promise<TakeResult>>();
  /** Channels being let go; a channel is taken again only once it is fully stopped here. */
  private readonly detaching = new Map<string, Promise<void>>();
  private readonly listener: ControlListener;
  /** Set by stop(): the disconnects it causes are not the owner's, so they are not stored. */
  private stopping = false;
  /** Inbound messages being stored; awaited on stop so none is cut off. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /**
   * Customers' messages that arrive while the database is away wait here (in memory, at
   * most DEFAULT_MAX_HELD = 10 000 per process, the oldest given up past that with a
   * warning) and are stored once it is back. Storing is idempotent (one row per channel
   * and network message id), so a retry never stores a message twice.
   */
  private readonly inbound: HeldWrites;

  /** @throws RangeError when the lease TTL is shorter than 3 heartbeats */
  constructor(private readonly deps: ChannelManagerDeps) {
    this.holder = deps.leases?.holder ?? newHolderId();
    this.inbound = new HeldWrites({
      onHeld: (err) =>
        deps.log.warn({ err }, "the database is unavailable: an inbound message waits to be stored"),
      onDropped: (reason) =>
        deps.log.warn(
          { reason },
          reason === "bound"
            ? "too many inbound messages wait for the database: the oldest was dropped"
            : "stopping: an inbound message waiting for the database was dropped",
        ),
    });
    this.listener = new ControlListener(
      deps.pool,
      this.holder,
      { wake: (id) => this.wake(id), control: (m) => this.onControl(m) },
      deps.log,
    );
    this.leases = new LeaseKeeper({
      pool: deps.pool,
      log: deps.log,
      holder: this.holder,
      ttlMs: deps.leases?.ttlMs ?? DEFAULT_LEASE_TTL_MS,
      heartbeatMs: deps.leases?.heartbeatMs ?? DEFAULT_LEASE_HEARTBEAT_MS,
      liveStatuses: LIVE_STATUSES,
      kinds: Object.keys(deps.kinds),
      neverShed: NEVER_SHED,
      onHeartbeat: () => this.listener.relisten(),
      host: {
        held: () => this.live,
        isTaking: (id) => this.taking.has(id),
        take: (id) => this.take(id),
        letGo: (id) => this.detach(id),
      },
    });
  }

  /** Announces this process, takes its share of the channels that should be live, and starts the heartbeat. */
  async start(): Promise<void> {
    await this.listener.listen();
    await this.leases.start();
  }

  /** Stops every dispatcher (outcomes written), closes the connections and releases the leases. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.leases.stop();
    await Promise.all([...this.taking.values()].map((p) => p.catch(() => {})));
    await this.listener.close();
    await Promise.all([...this.live.keys()].map((id) => this.detach(id)));
    // Messages still waiting for an unavailable database are given up (logged) rather than
    // keeping the process from stopping.
    this.inbound.stop();
    await Promise.all([...this.detaching.values(), ...this.inFlight]);
    await this.leases.close();
  }

  /**
   * Connects a channel: here when this process holds it or can take its lease (creating
   * the transport), otherwise forwarded to the process that holds it.
   */
  async connect(channelId: string): Promise<void> {
    const live = this.live.get(channelId);
    if (live) return live.transport.connect();
    if ((await this.take(channelId)) === "held_elsewhere") await this.forward(channelId, "connect");
  }

  /** Closes a channel's connection (keeping its credentials), here or in the process holding it. */
  async disconnect(channelId: string): Promise<void> {
    const live = this.live.get(channelId);
    if (live) await live.transport.disconnect();
    else await this.forward(channelId, "disconnect");
  }

  /** Unlinks a channel's device, here or in the process holding it. */
  async logout(channelId: string): Promise<void> {
    const live = this.live.get(channelId);
    if (live) await live.transport.logout();
    else await this.forward(channelId, "logout");
  }

  /**
   * Hands a kind-specific action to the channel's transport (`Transport.control`), here or
   * in the process holding the channel. Fire and forget when held elsewhere.
   */
  async control(channelId: string, action: unknown): Promise<void> {
    const live = this.live.get(channelId);
    if (live) await live.transport.control?.(action);
    else await this.forward(channelId, "transport", action);
  }

  /** The live transport of a channel in this process, if any. */
  transport(channelId: string): Transport | undefined {
    return this.live.get(channelId)?.transport;
  }

  /** How many channels this process holds a live connection of. */
  heldCount(): number {
    return this.live.size;
  }

  /** True when this process holds the channel's live connection. */
  holds(channelId: string): boolean {
    return this.live.has(channelId);
  }

  /** Applies a new pacing policy to a live channel (the holder reloads it when held elsewhere). */
  setPolicy(channelId: string, policy: PacingPolicy): void {
    const live = this.live.get(channelId);
    if (live) {
      live.policy = policy;
      live.dispatcher.wake();
    } else {
      this.forward(channelId, "policy").catch((err) =>
        this.deps.log.error({ err, channelId }, "forwarding a pacing change failed"),
      );
    }
  }

  /** Wakes the channel's dispatcher (a campaign started, resumed or was paused). */
  wake(channelId: string): void {
    this.live.get(channelId)?.dispatcher.wake();
  }

  /** Takes a channel's lease and attaches it, unless another process holds it. */
  private take(channelId: string): Promise<TakeResult> {
    let p = this.taking.get(channelId);
    if (!p) {
      p = this.acquireAndAttach(channelId).finally(() => this.taking.delete(channelId));
      this.taking.set(channelId, p);
    }
    return p;
  }

  private async acquireAndAttach(channelId: string): Promise<TakeResult> {
    const { db, log } = this.deps;
    await this.detaching.get(channelId);
    if (this.live.has(channelId)) return "taken";
    if (this.stopping) return "unavailable";
    const row = await channelRowById(db, channelId);
    if (!row) return "unavailable";
    if (!this.deps.kinds[row.kind]) {
      log.warn({ channelId: row.id, kind: row.kind }, "no transport for this channel kind in this build");
      return "unavailable";
    }
    if (!(await this.leases.acquire(channelId))) return "held_elsewhere";
    if (this.stopping) {
      await this.leases.release([channelId]);
      return "unavailable";
    }
    await this.attach(row);
    return "taken";
  }

  private async attach(row: ChannelRow): Promise<void> {
    const { db, log } = this.deps;
    const kind = this.deps.kinds[row.kind]!;
    const timeZone = await tenantTimeZoneOf(db, row.tenantId);
    let transport: Transport;
    try {
      transport = kind.create({
        channel: {
          id: row.id,
          tenantId: row.tenantId,
          phone: row.phone,
          config: row.config,
          createdAt: row.createdAt,
        },
        db,
        secretKey: this.deps.secretKey,
        mediaDir: join(this.deps.dataDir, "media", row.id),
        log: log.child({ channelId: row.id, kind: row.kind }),
      });
    } catch (err) {
      await this.leases.release([row.id]);
      throw err;
    }
    const parsed = pacingPolicySchema.safeParse(row.pacing);
    const live: LiveChannel = {
      row,
      transport,
      status: row.status as ChannelStatus,
      policy: parsed.success ? parsed.data : PACING_PRESETS.safe,
      dispatcher: undefined as unknown as ChannelSender,
      statusWrites: Promise.resolve(),
      heldSince: Date.now(),
      detached: false,
      unlisten: () => {},
      restrictions: new RestrictionsWatch(transport, {
        log: log.child({ channelId: row.id }),
        rereadMs: this.deps.restrictionsRereadMs,
        save: (r) => saveRestrictions(this.deps, row, r),
      }),
    };
    live.dispatcher = this.deps.senders(
      {
        id: row.id,
        tenantId: row.tenantId,
        kind: row.kind,
        transport,
        status: () => (live.detached ? "disconnected" : live.status),
        policy: () => live.policy,
        createdAt: row.createdAt,
        timeZone: timeZone ?? "Asia/Jakarta",
        dedupes: kind.dedupes,
      },
      log.child({ channelId: row.id }),
    );
    live.unlisten = listenToTransport(live, {
      db: this.deps.db,
      bus: this.deps.bus,
      log,
      inbox: this.deps.inbox,
      inbound: this.inbound,
      inFlight: this.inFlight,
      ignoring: () => this.stopping || live.detached,
    });
    this.live.set(row.id, live);
    live.dispatcher.start();
    await transport.connect();
  }

  /**
   * Lets a channel go: no new sends at once, then its connection closed and its dispatcher
   * stopped (outcomes written). Never rejects.
   */
  private detach(channelId: string): Promise<void> {
    const live = this.live.get(channelId);
    if (!live) return this.detaching.get(channelId) ?? Promise.resolve();
    this.live.delete(channelId);
    live.detached = true;
    const { log } = this.deps;
    const p = Promise.all([
      live.transport
        .disconnect()
        .catch((err) => log.warn({ err, channelId }, "closing a channel connection failed")),
      live.dispatcher.stop().catch((err) => log.error({ err, channelId }, "stopping a dispatcher failed")),
    ])
      .then(() => live.unlisten())
      .then(() => Promise.all([live.statusWrites, live.restrictions.stop()]))
      .then(() => undefined)
      .finally(() => this.detaching.delete(channelId));
    this.detaching.set(channelId, p);
    return p;
  }

  /** Asks the process holding a channel to act on it. */
  private forward(channelId: string, op: ControlOp, action?: unknown): Promise<void> {
    return forwardToHolder(this.deps.db, channelId, op, action);
  }

  /** Performs an action forwarded by another process, when this one holds the channel. */
  private async onControl({ channelId, op, action }: ControlMessage): Promise<void> {
    const live = this.live.get(channelId);
    if (!live) return;
    if (op === "connect") await live.transport.connect();
    if (op === "disconnect") await live.transport.disconnect();
    if (op === "logout") await live.transport.logout();
    if (op === "transport") await live.transport.control?.(action);
    if (op === "policy") {
      const parsed = pacingPolicySchema.safeParse(await channelPacing(this.deps.db, live.row.id));
      if (parsed.success) this.setPolicy(live.row.id, parsed.data);
    }
  }
}

/** What taking a channel came to. */
type TakeResult = "taken" | "held_elsewhere" | "unavailable";

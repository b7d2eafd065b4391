import { join } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { channels, tenants } from '../db/schema/index.js';
import type { Bus } from '../lib/bus.js';
import { Dispatcher, type DispatcherOptions } from '../modules/campaigns/dispatcher.js';
import { WAKE_CHANNEL } from '../modules/campaigns/service.js';
import type { InboxService } from '../modules/inbox/service.js';
import { PACING_PRESETS, pacingPolicySchema, type PacingPolicy } from './pacing.js';
import type { TransportKinds } from './factory.js';
import type { ChannelStatus, Transport } from './transport.js';

type ChannelRow = typeof channels.$inferSelect;

interface LiveChannel {
  row: ChannelRow;
  transport: Transport;
  status: ChannelStatus;
  policy: PacingPolicy;
  dispatcher: Dispatcher;
  /** Status writes of this channel, one after another so the last state wins. */
  statusWrites: Promise<void>;
}

export interface ChannelManagerDeps {
  db: Db;
  pool: pg.Pool;
  bus: Bus;
  log: Logger;
  inbox: InboxService;
  /** How to build each kind of transport (see kinds.ts). */
  kinds: TransportKinds;
  secretKey: Buffer;
  /** KABAR_DATA_DIR: received media go under <dataDir>/media/<channel id>. */
  dataDir: string;
  dispatcher?: DispatcherOptions;
}

/** Statuses after which Kabar reconnects a channel on start (the owner did not stop it). */
const LIVE_STATUSES: ChannelStatus[] = ['connected', 'connecting', 'qr'];

/**
 * Holds the live connection of every channel this process runs: creates its transport,
 * stores and publishes each status change, routes receipts to the channel's dispatcher and
 * inbound messages to the inbox, and runs one Dispatcher per channel. Wakes dispatchers on
 * NOTIFY so a campaign started by another process (the CLI) is picked up at once.
 */
export class ChannelManager {
  private readonly live = new Map<string, LiveChannel>();
  private listener: pg.PoolClient | null = null;
  /** Set by stop(): the disconnects it causes are not the owner's, so they are not stored. */
  private stopping = false;
  /** Inbound messages being stored; awaited on stop so none is cut off. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: ChannelManagerDeps) {}

  /** Reconnects the channels that were live, and listens for dispatcher wake-ups. */
  async start(): Promise<void> {
    const rows = await this.deps.db.select().from(channels).where(inArray(channels.status, LIVE_STATUSES));
    for (const row of rows) await this.attach(row);
    this.listener = await this.deps.pool.connect();
    this.listener.on('notification', (n) => n.payload && this.wake(n.payload));
    await this.listener.query(`LISTEN ${WAKE_CHANNEL}`);
  }

  /** Stops every dispatcher (outcomes written) and closes the connections. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${WAKE_CHANNEL}`).catch(() => {});
      this.listener.release();
      this.listener = null;
    }
    await Promise.all([...this.live.values()].map((c) => c.transport.disconnect().catch(() => {})));
    await Promise.all([...this.live.values()].map((c) => c.dispatcher.stop()));
    await Promise.all(this.inFlight);
    await Promise.all([...this.live.values()].map((c) => c.statusWrites));
    this.live.clear();
  }

  /** Connects a channel (creating its transport on first use). */
  async connect(channelId: string): Promise<void> {
    const live = this.live.get(channelId);
    if (live) return live.transport.connect();
    const [row] = await this.deps.db.select().from(channels).where(eq(channels.id, channelId));
    if (row) await this.attach(row);
  }

  async disconnect(channelId: string): Promise<void> {
    await this.live.get(channelId)?.transport.disconnect();
  }

  async logout(channelId: string): Promise<void> {
    await this.live.get(channelId)?.transport.logout();
  }

  /** The live transport of a channel in this process, if any. */
  transport(channelId: string): Transport | undefined {
    return this.live.get(channelId)?.transport;
  }

  /** Applies a new pacing policy to a live channel. */
  setPolicy(channelId: string, policy: PacingPolicy): void {
    const live = this.live.get(channelId);
    if (live) {
      live.policy = policy;
      live.dispatcher.wake();
    }
  }

  /** Wakes the channel's dispatcher (a campaign started, resumed or was paused). */
  wake(channelId: string): void {
    this.live.get(channelId)?.dispatcher.wake();
  }

  private async attach(row: ChannelRow): Promise<void> {
    const { db, log, bus } = this.deps;
    const kind = this.deps.kinds[row.kind];
    if (!kind) {
      log.warn({ channelId: row.id, kind: row.kind }, 'no transport for this channel kind in this build');
      return;
    }
    const [tenant] = await db.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, row.tenantId));
    const transport = kind.create({
      channel: { id: row.id, tenantId: row.tenantId, phone: row.phone, config: row.config },
      db,
      secretKey: this.deps.secretKey,
      mediaDir: join(this.deps.dataDir, 'media', row.id),
      log: log.child({ channelId: row.id, kind: row.kind }),
    });
    const parsed = pacingPolicySchema.safeParse(row.pacing);
    const live: LiveChannel = {
      row,
      transport,
      status: row.status as ChannelStatus,
      policy: parsed.success ? parsed.data : PACING_PRESETS.safe,
      dispatcher: undefined as unknown as Dispatcher,
      statusWrites: Promise.resolve(),
    };
    live.dispatcher = new Dispatcher(
      db,
      {
        id: row.id,
        tenantId: row.tenantId,
        transport,
        status: () => live.status,
        policy: () => live.policy,
        createdAt: row.createdAt,
        timeZone: tenant?.timeZone ?? 'Asia/Jakarta',
        dedupes: kind.dedupes,
      },
      bus,
      log.child({ channelId: row.id }),
      this.deps.dispatcher,
    );
    transport.on('state', (s) => {
      live.status = s.status;
      // Stopping Kabar closes connections, but the channels stay live for the next start.
      if (this.stopping) return;
      live.statusWrites = live.statusWrites.then(() => this.storeStatus(row, s.status, s.reason));
      if (s.status === 'connected') live.dispatcher.wake();
      if (s.status === 'blocked') void live.dispatcher.pauseCampaigns('channel_blocked');
      if (s.status === 'logged_out') void live.dispatcher.pauseCampaigns('channel_logged_out');
    });
    transport.on('qr', (q) => bus.emit('channel.qr', { tenantId: row.tenantId, channelId: row.id, qr: q.qr, expiresAt: q.expiresAt }));
    transport.on('receipt', (r) => live.dispatcher.onReceipt(r));
    transport.on('message', (m) => {
      const p = this.deps.inbox
        .receive({ id: row.id, tenantId: row.tenantId }, m)
        .catch((err) => log.error({ err, channelId: row.id }, 'storing an inbound message failed'))
        .finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    });
    this.live.set(row.id, live);
    live.dispatcher.start();
    await transport.connect();
  }

  private async storeStatus(row: ChannelRow, status: ChannelStatus, reason?: string): Promise<void> {
    try {
      await this.deps.db
        .update(channels)
        .set({ status, statusSince: new Date(), lastError: reason ?? null })
        .where(sql`${channels.id} = ${row.id} AND ${channels.status} IS DISTINCT FROM ${status}`);
      this.deps.bus.emit('channel.status', { tenantId: row.tenantId, channelId: row.id, status, reason });
    } catch (err) {
      this.deps.log.error({ err, channelId: row.id }, 'storing channel status failed');
    }
  }
}

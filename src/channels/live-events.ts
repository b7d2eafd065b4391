/**
 * Listening to a live channel's transport (the channel manager's events part): its status,
 * QR and pairing code are stored and announced, receipts go to its dispatcher, customers'
 * messages to the inbox, and its restrictions (new-chat cap, reach-out timelock) to the
 * channel row and the bus (`channel.restrictions`).
 */
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { HeldWrites } from "../db/held-writes.js";
import type { ChannelLink } from "../db/schema/index.js";
import type { Bus } from "../lib/bus.js";
import {
  storeChannelLink,
  storeChannelRestrictions,
  storeChannelStatus,
  type ChannelRow,
} from "./channel-rows.js";
import type { PacingPolicy } from "./pacing.js";
import type { RestrictionsWatch } from "./restrictions-watch.js";
import type { ChannelSender, InboundSink } from "./sender.js";
import type { ChannelStatus, Restrictions, Transport, TransportEvents } from "./transport.js";

/** A channel this process holds. */
export interface LiveChannel {
  row: ChannelRow;
  transport: Transport;
  status: ChannelStatus;
  policy: PacingPolicy;
  dispatcher: ChannelSender;
  /** Status writes of this channel, one after another so the last state wins. */
  statusWrites: Promise<void>;
  /** Epoch ms this process took the channel. */
  heldSince: number;
  /** Set when this process lets the channel go: its events are no longer stored or acted on. */
  detached: boolean;
  /** Removes the transport listeners this process added. */
  unlisten(): void;
  /** Reads and keeps the number's restrictions while it is connected. */
  restrictions: RestrictionsWatch;
}

/**
 * Channel statuses that stop sending, with the reason the channel's running campaigns are
 * paused with: the number is banned or stopped by Meta, unlinked, its Cloud API token
 * expired, or another client keeps taking the WhatsApp Web session over.
 */
const PAUSE_ON_STATUS: Partial<Record<ChannelStatus, string>> = {
  blocked: "channel_blocked",
  logged_out: "channel_logged_out",
  needs_token: "channel_needs_token",
  replaced: "channel_replaced",
};

/** What listening to a live channel needs from its manager. */
interface LiveEventDeps {
  db: Db;
  bus: Bus;
  log: Logger;
  /** Stores inbound messages (the inbox service). */
  inbox: InboundSink;
  /** Where inbound messages wait while the database is away. */
  inbound: HeldWrites;
  /** Inbound messages being stored (the manager awaits them when it stops). */
  inFlight: Set<Promise<unknown>>;
  /** True while Kabar stops or the channel is being let go: status changes are then not stored. */
  ignoring(): boolean;
}

/** Wires a live channel's transport events; returns what removes them. */
export function listenToTransport(live: LiveChannel, deps: LiveEventDeps): () => void {
  const { row, transport, dispatcher } = live;
  const { bus, log } = deps;
  const handlers: { [E in keyof TransportEvents]?: TransportEvents[E] } = {
    state: (s) => {
      // Stopping Kabar or handing the channel over closes the connection, but the channel stays live.
      if (deps.ignoring()) return;
      live.status = s.status;
      live.statusWrites = live.statusWrites.then(() => storeStatus(deps, row, s.status, s.reason));
      live.restrictions.onStatus(s.status);
      if (s.status === "connected") dispatcher.wake();
      const pauseReason = PAUSE_ON_STATUS[s.status];
      if (pauseReason) void dispatcher.pauseCampaigns(pauseReason);
    },
    restrictions: (r) => live.restrictions.onEvent(r),
    qr: (q) => {
      bus.emit("channel.qr", { tenantId: row.tenantId, channelId: row.id, qr: q.qr, expiresAt: q.expiresAt });
      live.statusWrites = live.statusWrites.then(() =>
        storeLink(deps, row, { kind: "qr", value: q.qr, expiresAt: q.expiresAt }),
      );
    },
    "pairing-code": (p) => {
      bus.emit("channel.pairing-code", {
        tenantId: row.tenantId,
        channelId: row.id,
        code: p.code,
        expiresAt: p.expiresAt,
      });
      live.statusWrites = live.statusWrites.then(() =>
        storeLink(deps, row, { kind: "code", value: p.code, expiresAt: p.expiresAt }),
      );
    },
    receipt: (r) => dispatcher.onReceipt(r),
    message: (m) => {
      const p = deps.inbound
        .run(() => deps.inbox.receive({ id: row.id, tenantId: row.tenantId }, m))
        .catch((err) => log.error({ err, channelId: row.id }, "storing an inbound message failed"))
        .finally(() => deps.inFlight.delete(p));
      deps.inFlight.add(p);
    },
  };
  const events = Object.keys(handlers) as Array<keyof TransportEvents>;
  for (const e of events) transport.on(e, handlers[e] as never);
  return () => {
    for (const e of events) transport.off(e, handlers[e] as never);
  };
}

/**
 * Stores a channel's restrictions (`channels.restrictions`) and announces them
 * (`channel.restrictions` on the bus, forwarded to the shop's sockets).
 * @throws what the database throws (the watch logs it)
 */
export async function saveRestrictions(
  deps: { db: Db; bus: Bus },
  row: ChannelRow,
  restrictions: Restrictions,
): Promise<void> {
  await storeChannelRestrictions(deps.db, row.id, restrictions);
  deps.bus.emit("channel.restrictions", { tenantId: row.tenantId, channelId: row.id, restrictions });
}

/** Stores the QR / pairing code on screen, so a page opened later shows it at once (GET /channels/:id/link). */
async function storeLink(deps: LiveEventDeps, row: ChannelRow, link: ChannelLink): Promise<void> {
  await storeChannelLink(deps.db, row.id, link).catch((err: unknown) =>
    deps.log.warn({ err, channelId: row.id }, "storing the channel link failed"),
  );
}

async function storeStatus(
  deps: LiveEventDeps,
  row: ChannelRow,
  status: ChannelStatus,
  reason?: string,
): Promise<void> {
  try {
    await storeChannelStatus(deps.db, row.id, status, reason);
    deps.bus.emit("channel.status", { tenantId: row.tenantId, channelId: row.id, status, reason });
  } catch (err) {
    deps.log.error({ err, channelId: row.id }, "storing channel status failed");
  }
}

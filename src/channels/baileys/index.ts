/**
 * WhatsApp Web channels (Baileys multi-device), as a transport kind for the channel manager:
 *
 * ```ts
 * const kinds = { whatsapp_web: createBaileysKind() };               // production: real makeWASocket
 * const kinds = { whatsapp_web: createBaileysKind({ makeSocket }) }; // tests: a fake socket (testing.ts)
 * ```
 */
import { dirname } from "node:path";
import type { TransportContext, TransportKind } from "../factory.js";
import { DEFAULT_BACKOFF, type BackoffOptions } from "./reconnect.js";
import { pgBaileysStore } from "./pg-store.js";
import { realDownloadMedia, realMakeSocket, type DownloadMedia, type MakeSocket } from "./socket.js";
import type { BaileysStore } from "./store.js";
import { BaileysTransport } from "./transport.js";
export type { MakeSocket, DownloadMedia } from "./socket.js";
export type { BaileysStore } from "./store.js";

/** Options of {@link createBaileysKind}; every one has a production default. */
export interface BaileysKindOptions {
  /** Builds the socket (default: Baileys' `makeWASocket`, see socket.ts). */
  makeSocket?: MakeSocket;
  /** Downloads received media (default: Baileys' `downloadMediaMessage`). */
  downloadMedia?: DownloadMedia;
  /** Where the channel's state lives (default: PostgreSQL through `ctx.db`). */
  store?: (ctx: TransportContext) => BaileysStore;
  /** Uniform in [0, 1), for the backoff jitter (default Math.random). */
  rand?: () => number;
  /** Reconnect backoff, ms (default 1 s doubling up to 5 min). */
  backoff?: Partial<BackoffOptions>;
  /** QR codes shown per connect before `disconnected` / `qr_timeout` (default 5). */
  qrLimit?: number;
  /** Lifetime of each QR, ms (default: Baileys' own, 60 s for the first and 20 s after). */
  qrTimeoutMs?: number;
  /** How long a pairing-code request waits for WhatsApp, ms (default 30 s). */
  pairingReadyMs?: number;
  /** How long an "on WhatsApp?" answer is cached per tenant, ms (default 7 days). */
  numberCheckTtlMs?: number;
}

/** 7 days, ms: numbers rarely join or leave WhatsApp, and every check is a query to it. */
export const NUMBER_CHECK_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * The `whatsapp_web` transport kind (WhatsApp Web through Baileys). It de-duplicates (`dedupes: true`): the campaign engine's
 * stable id is the WhatsApp message id, and WhatsApp shows a message id only once, so a
 * recipient a crash left "sending" is sent again with the same id.
 *
 * The data dir is the parent of the manager's media layout (`<dataDir>/media/<channel id>`,
 * `ctx.mediaDir`): outgoing media paths are relative to it, received files are written
 * under `ctx.mediaDir`.
 */
export function createBaileysKind(opts: BaileysKindOptions = {}): TransportKind {
  return {
    dedupes: true,
    create: (ctx) =>
      new BaileysTransport(ctx, {
        makeSocket: opts.makeSocket ?? realMakeSocket,
        downloadMedia: opts.downloadMedia ?? realDownloadMedia,
        store: (opts.store ?? ((c) => pgBaileysStore(c.db, c.channel)))(ctx),
        rand: opts.rand ?? Math.random,
        backoff: { ...DEFAULT_BACKOFF, ...opts.backoff },
        qrLimit: opts.qrLimit ?? 5,
        ...(opts.qrTimeoutMs !== undefined && { qrTimeoutMs: opts.qrTimeoutMs }),
        pairingReadyMs: opts.pairingReadyMs ?? 30_000,
        numberCheckTtlMs: opts.numberCheckTtlMs ?? NUMBER_CHECK_TTL_MS,
        dataDir: dirname(dirname(ctx.mediaDir)),
      }),
  };
}

/**
 * The WhatsApp Web Transport of one channel (DESIGN.md §4), over a Baileys socket: sending
 * with the caller's stable message id, number checks through a per-tenant cache, typing
 * presence, and customers' messages and receipts as events. The connection lifecycle lives
 * in connection.ts.
 */
import type { Logger } from "pino";
import { phoneToJid } from "../../lib/phone/normalize.js";
import type { TransportContext } from "../factory.js";
import {
  TransportError,
  type ChannelStatus,
  type E164,
  type NewChatCap,
  type Outgoing,
  type ReachoutTimelock,
  type Restrictions,
  type SendResult,
  type Transport,
  type TransportEvents,
} from "../transport.js";
import { BaileysConnection, type ConnectionOptions } from "./connection.js";
import { TransportEmitter } from "../emitter.js";
import { inboundMessages, receiptsOf, type InboundContext } from "./inbound.js";
import { JidResolver, isE164, phoneOfJid } from "./jids.js";
import { messageParts, toTransportError, type BaileysOutgoing } from "./outgoing.js";
import { capOf, timelockOf } from "./restrictions.js";
import type { DownloadMedia, SocketLike } from "./socket.js";
import type { BaileysStore } from "./store.js";

/** Everything a transport is built with besides its context (see `createBaileysKind`). */
interface BaileysDeps extends Omit<ConnectionOptions, "makeSocket"> {
  makeSocket: ConnectionOptions["makeSocket"];
  downloadMedia: DownloadMedia;
  store: BaileysStore;
  /** KABAR_DATA_DIR (media paths are relative to it). */
  dataDir: string;
  /** How long an "on WhatsApp?" answer is trusted, ms. */
  numberCheckTtlMs: number;
}

/** Numbers asked of WhatsApp per `onWhatsApp` query. */
const CHECK_CHUNK = 50;
/** Message ids this process sent, remembered with their number for receipts (most recent). */
const SENT_MEMORY = 10_000;

/** A {@link Transport} over WhatsApp Web (Baileys multi-device). */
export class BaileysTransport implements Transport {
  private readonly emitter: TransportEmitter;
  private readonly connection: BaileysConnection;
  private readonly resolver: JidResolver;
  private readonly inbound: InboundContext;
  private readonly sentTo = new Map<string, E164>();
  /** Inbound batches are handled one after another, so messages keep their order. */
  private inboundQueue: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  /** The cap and timelock last read or pushed (null until known). */
  private known: { cap: NewChatCap | null; timelock: ReachoutTimelock | null } = {
    cap: null,
    timelock: null,
  };
  /** `known` as last announced (JSON), so only changes are announced. */
  private announced = "";
  /** Reads in progress: Baileys pushes the timelock it reads, which the read itself announces. */
  private reading = 0;

  constructor(
    private readonly ctx: TransportContext,
    private readonly deps: BaileysDeps,
  ) {
    this.log = ctx.log;
    this.emitter = new TransportEmitter((err, event) =>
      ctx.log.error({ err, event }, "a transport listener failed"),
    );
    this.connection = new BaileysConnection(
      { channelId: ctx.channel.id, auth: deps.store.auth, secretKey: ctx.secretKey, log: ctx.log },
      deps,
      {
        state: (e) => this.emitter.emit("state", e),
        qr: (e) => this.emitter.emit("qr", e),
        pairingCode: (e) => this.emitter.emit("pairing-code", e),
        socket: (socket, live) => this.listen(socket, live),
        opened: (socket) => this.onOpened(socket),
      },
    );
    this.resolver = new JidResolver(deps.store.jids, () => this.connection.anySocket, ctx.log);
    this.inbound = {
      resolver: this.resolver,
      socket: () => this.connection.anySocket,
      downloadMedia: deps.downloadMedia,
      mediaDir: ctx.mediaDir,
      dataDir: deps.dataDir,
      log: ctx.log,
    };
  }

  /** The channel's connection status. */
  get status(): ChannelStatus {
    return this.connection.current;
  }

  /** See `BaileysConnection.connect`: login with stored credentials, or QR codes. */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  /** Closes the socket, keeping the credentials (the next connect needs no QR). */
  disconnect(): Promise<void> {
    return this.connection.disconnect();
  }

  /** Unlinks the device and deletes its credentials (`baileys_auth` rows); status `logged_out`. */
  logout(): Promise<void> {
    return this.connection.logout();
  }

  /** See `BaileysConnection.requestPairingCode`. @throws Error when linked already or WhatsApp was not ready */
  requestPairingCode(phone: E164): Promise<string> {
    return this.connection.requestPairingCode(phone);
  }

  /**
   * Sends one message with `opts.messageId` as its WhatsApp id (Baileys
   * `sendMessage(jid, content, { messageId })`), so a resend after a crash carries the same
   * id and WhatsApp does not show it twice. The number is checked first (cached, see
   * {@link checkNumbers}). Resolves when WhatsApp's server took it.
   * @throws TransportError `invalid_message` (no id, nothing to send, bad number or media),
   *   `banned` / `logged_out` (stopChannel), `disconnected` (retryable, not connected),
   *   `not_on_whatsapp`, `rate_limited` (retryable), `network_error` (retryable)
   */
  async send(to: E164, msg: Outgoing, opts: { messageId: string }): Promise<SendResult> {
    const { messageId } = opts;
    if (!messageId) throw new TransportError("invalid_message", "A message needs a messageId", false);
    if (!isE164(to)) throw new TransportError("invalid_message", `Not an E.164 number: ${to}`, false);
    const parts = await messageParts(msg as BaileysOutgoing, this.deps.dataDir);
    this.usableSocket();
    if ((await this.checkNumbers([to])).get(to) === false)
      throw new TransportError("not_on_whatsapp", `${to} is not on WhatsApp`, false);
    const socket = this.usableSocket();
    this.remember(messageId, to);
    try {
      for (const part of parts)
        await socket.sendMessage(phoneToJid(to), part.content, { messageId: messageId + part.idSuffix });
    } catch (error) {
      throw toTransportError(error);
    }
    return { messageId, at: Date.now() };
  }

  /**
   * The number's new-chat cap and reach-out timelock, asked of WhatsApp now (Baileys
   * `fetchNewChatMessageCap` and `fetchAccountReachoutTimelock`; either is null when this
   * Baileys cannot ask). Emits `restrictions` when they differ from what was known.
   * @throws TransportError when not connected (as for `send`), or WhatsApp did not answer
   *   (`network_error`, retryable)
   */
  async restrictions(): Promise<Restrictions> {
    const socket = this.usableSocket();
    this.reading++;
    try {
      const [cap, timelock] = await Promise.all([
        socket.fetchNewChatMessageCap ? socket.fetchNewChatMessageCap().then(capOf) : null,
        socket.fetchAccountReachoutTimelock ? socket.fetchAccountReachoutTimelock().then(timelockOf) : null,
      ]);
      this.reading--;
      return this.learn({ cap, timelock });
    } catch (error) {
      this.reading--;
      throw toTransportError(error);
    }
  }

  /**
   * Which numbers are on WhatsApp: answers younger than `numberCheckTtlMs` come from the
   * tenant's `number_checks`; the rest are asked with Baileys `onWhatsApp` (50 at a time,
   * a number missing from the answer is not on WhatsApp) and stored. A string that is not
   * E.164 is false without asking.
   * @throws TransportError when numbers must be asked and the channel is not connected
   *   (as for `send`), or WhatsApp did not answer (`network_error`, retryable)
   */
  async checkNumbers(phones: E164[]): Promise<Map<E164, boolean>> {
    const valid = [...new Set(phones.filter((p) => isE164(p)))];
    const known = await this.deps.store.numberChecks.fresh(valid, this.deps.numberCheckTtlMs);
    const missing = valid.filter((p) => !known.has(p));
    if (missing.length > 0) {
      const asked = await this.askWhatsApp(missing);
      for (const [phone, on] of asked) known.set(phone, on);
      await this.deps.store.numberChecks
        .record(asked)
        .catch((err: unknown) => this.log.warn({ err }, "caching number checks failed"));
    }
    return new Map(phones.map((p) => [p, known.get(p) ?? false]));
  }

  /**
   * Shows "typing…" (`composing`) or ends it (`paused`) in the customer's chat (Baileys
   * `sendPresenceUpdate`). Best effort: does nothing when not connected, and a failure is
   * only logged, so typing never fails a send.
   */
  async setTyping(to: E164, on: boolean): Promise<void> {
    const socket = this.connection.openSocket;
    if (!socket || !isE164(to)) return;
    await socket
      .sendPresenceUpdate(on ? "composing" : "paused", phoneToJid(to))
      .catch((err: unknown) => this.log.debug({ err }, "presence update failed"));
  }

  /** Adds a listener: 'state', 'qr', 'pairing-code', 'message', 'receipt', 'restrictions'. */
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.emitter.on(event, listener);
  }

  /** Removes a listener added with {@link on}. */
  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.emitter.off(event, listener);
  }

  private async askWhatsApp(phones: E164[]): Promise<Map<E164, boolean>> {
    const socket = this.usableSocket();
    const answers = new Map<E164, boolean>();
    for (let i = 0; i < phones.length; i += CHECK_CHUNK) {
      const chunk = phones.slice(i, i + CHECK_CHUNK);
      const found = await socket.onWhatsApp(...chunk.map((p) => p.slice(1))).catch((error: unknown) => {
        throw toTransportError(error);
      });
      if (!found) throw new TransportError("network_error", "WhatsApp did not answer the number check", true);
      const onWhatsApp = new Set(found.filter((f) => f.exists).map((f) => phoneOfJid(f.jid)));
      for (const phone of chunk) answers.set(phone, onWhatsApp.has(phone));
    }
    return answers;
  }

  /** The open socket. @throws TransportError by status: banned, logged_out, else disconnected */
  private usableSocket(): SocketLike {
    const socket = this.connection.openSocket;
    if (socket) return socket;
    const status = this.connection.current;
    if (status === "blocked")
      throw new TransportError(
        "banned",
        "WhatsApp refused this number (403); campaigns are paused",
        false,
        true,
      );
    if (status === "logged_out")
      throw new TransportError("logged_out", "The device was logged out; link it again", false, true);
    throw new TransportError("disconnected", `The channel is ${status}, not connected`, true);
  }

  private remember(messageId: string, to: E164): void {
    this.sentTo.delete(messageId);
    this.sentTo.set(messageId, to);
    if (this.sentTo.size > SENT_MEMORY) this.sentTo.delete(this.sentTo.keys().next().value!);
  }

  private listen(socket: SocketLike, live: () => boolean): void {
    const handle = (work: () => Promise<void>) => {
      if (!live()) return;
      this.inboundQueue = this.inboundQueue
        .then(work)
        .catch((err: unknown) => this.log.error({ err }, "handling a WhatsApp Web event failed"));
    };
    socket.ev.on("messages.upsert", (upsert) =>
      handle(async () => {
        for (const m of await inboundMessages(upsert, this.inbound)) this.emitter.emit("message", m);
      }),
    );
    socket.ev.on("messages.update", (updates) =>
      handle(async () => {
        for (const r of await receiptsOf(updates, this.sentTo, this.inbound)) this.emitter.emit("receipt", r);
      }),
    );
    socket.ev.on("lid-mapping.update", ({ lid, pn }) => handle(() => this.resolver.learn(lid, pn)));
    socket.ev.on("message-capping.update", (info) => {
      if (live()) this.learn({ cap: capOf(info) });
    });
    socket.ev.on("connection.update", (update) => {
      if (live() && update.reachoutTimeLock)
        this.learn({ timelock: timelockOf(update.reachoutTimeLock) }, this.reading > 0);
    });
  }

  /**
   * Merges what WhatsApp said into the known restrictions and returns the whole picture;
   * unless `quiet`, emits `restrictions` when it differs from the last one announced.
   */
  private learn(
    news: { cap?: NewChatCap | null; timelock?: ReachoutTimelock | null },
    quiet = false,
  ): Restrictions {
    this.known = {
      cap: news.cap === undefined ? this.known.cap : news.cap,
      timelock: news.timelock === undefined ? this.known.timelock : news.timelock,
    };
    const picture: Restrictions = { ...this.known, at: Date.now() };
    const json = JSON.stringify(this.known);
    if (!quiet && json !== this.announced) {
      this.announced = json;
      this.emitter.emit("restrictions", picture);
    }
    return picture;
  }

  /** The linked account's number becomes the channel's number (`channels.phone`). */
  private onOpened(socket: SocketLike): void {
    const phone = phoneOfJid(socket.user?.id);
    if (!phone || phone === this.ctx.channel.phone) return;
    this.ctx.channel.phone = phone;
    this.deps.store
      .setChannelPhone(phone)
      .catch((err: unknown) => this.log.error({ err }, "storing the channel number failed"));
  }
}

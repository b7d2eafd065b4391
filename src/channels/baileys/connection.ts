/**
 * The connection lifecycle of one WhatsApp Web channel: opening Baileys sockets, QR codes
 * and pairing codes, reconnecting by DisconnectReason (reconnect.ts), disconnecting and
 * logging out. Messaging lives in transport.ts.
 */
import type { Logger } from "pino";
import type { ChannelStatus, E164, PairingCodeEvent, QrEvent, StateEvent } from "../transport.js";
import { SealedAuthState, isLinked } from "./auth-state.js";
import { isE164 } from "./jids.js";
import { ReplacedWindow, backoffDelay, closeAction, statusCodeOf, type BackoffOptions } from "./reconnect.js";
import { baileysLogger, type MakeSocket, type SocketLike } from "./socket.js";
import type { AuthRows } from "./store.js";

/** How the connection behaves; see `BaileysKindOptions` for the defaults. */
export interface ConnectionOptions {
  makeSocket: MakeSocket;
  rand: () => number;
  backoff: BackoffOptions;
  /** QR codes shown per connect before giving up with `qr_timeout`. */
  qrLimit: number;
  /** Lifetime of every QR, ms, passed to Baileys as `qrTimeout`; unset: Baileys' 60 s, then 20 s. */
  qrTimeoutMs?: number;
  /** How long a pairing-code request waits for the socket to be ready, ms. */
  pairingReadyMs: number;
}

/** Where the connection reports. `live()` is false once that socket was replaced or closed. */
interface ConnectionEvents {
  state(e: StateEvent): void;
  qr(e: QrEvent): void;
  pairingCode(e: PairingCodeEvent): void;
  /** A socket was created: attach the messaging listeners, ignoring events once `live()` is false. */
  socket(socket: SocketLike, live: () => boolean): void;
  /** The socket is open (status `connected`). */
  opened(socket: SocketLike): void;
}

/** What the connection needs of its channel. */
interface ConnectionContext {
  channelId: string;
  auth: AuthRows;
  secretKey: Buffer;
  log: Logger;
}

/** Statuses in which a socket is open or being opened. */
const ACTIVE: ReadonlySet<ChannelStatus> = new Set(["qr", "connecting", "connected"]);

/** Baileys' QR lifetimes when `qrTimeout` is unset (Socket/socket.js, pair-device): 60 s, then 20 s. */
const FIRST_QR_MS = 60_000;
const NEXT_QR_MS = 20_000;

/**
 * The status machine of one channel. Every status change is reported through
 * `events.state` (once per status + reason). Events of a socket it closed itself are
 * ignored (each socket has a generation).
 */
export class BaileysConnection {
  private socket: SocketLike | null = null;
  private generation = 0;
  private status: ChannelStatus = "disconnected";
  private reason: string | undefined;
  private auth: SealedAuthState | null = null;
  private mode: "qr" | "pairing" = "qr";
  /** QR codes since connect() (across reconnects), and on the current socket. */
  private qrsShown = 0;
  private qrsOfSocket = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly replaced = new ReplacedWindow();
  private pairingReady: { resolve(socket: SocketLike): void; reject(error: Error): void } | null = null;

  constructor(
    private readonly ctx: ConnectionContext,
    private readonly opts: ConnectionOptions,
    private readonly events: ConnectionEvents,
  ) {}

  /** The current status. */
  get current(): ChannelStatus {
    return this.status;
  }

  /** The open socket, when `connected`. */
  get openSocket(): SocketLike | null {
    return this.status === "connected" ? this.socket : null;
  }

  /** The socket being used (any status), for lookups such as Baileys' LID store. */
  get anySocket(): SocketLike | null {
    return this.socket;
  }

  /**
   * Opens a socket: a linked channel logs in (`connecting` → `connected`, no QR); an unlinked
   * one shows QR codes (status `qr`, a 'qr' event per code with its expiry) and gives up
   * with `disconnected` / `qr_timeout` after `qrLimit` codes. No-op while a socket is open
   * or opening; during a backoff wait it reconnects at once.
   */
  async connect(): Promise<void> {
    if (this.socket) return;
    this.mode = "qr";
    this.qrsShown = 0;
    this.attempt = 0;
    this.replaced.clear();
    await this.open();
  }

  /** Closes the socket, keeping the credentials; `logged_out`, `blocked`, `replaced` stay. */
  async disconnect(): Promise<void> {
    await this.detach()
      ?.end(undefined)
      .catch(() => {});
    if (ACTIVE.has(this.status)) this.setStatus("disconnected", "closed");
  }

  /**
   * Unlinks the device: asks WhatsApp to remove it when connected (Baileys `logout`), then
   * deletes the channel's credentials; status `logged_out`. The next connect shows a QR.
   * @throws the database error when the credentials cannot be deleted
   */
  async logout(): Promise<void> {
    const connected = this.status === "connected";
    const socket = this.detach();
    if (socket && connected)
      await socket
        .logout()
        .catch((err: unknown) =>
          this.ctx.log.warn({ err }, "WhatsApp logout failed; wiping the credentials anyway"),
        );
    else await socket?.end(undefined).catch(() => {});
    await (await this.loadAuth()).wipe();
    this.setStatus("logged_out", "logout");
  }

  /**
   * Links the channel by phone number: opens a fresh socket in pairing mode (QR codes are
   * not shown), waits until WhatsApp is ready for a link code (Baileys' first `qr`), asks
   * for the code and emits it with its expiry (the rest of the QR window, `qrLimit` codes).
   * Past it the channel goes `disconnected` / `pairing_timeout`.
   * @param phone the number of the WhatsApp account to link (E.164)
   * @throws Error when already connected, or the socket closed or was not ready in time
   */
  async requestPairingCode(phone: E164): Promise<string> {
    if (!isE164(phone)) throw new Error(`not an E.164 number: "${phone}"`);
    if (this.status === "connected") throw new Error("this channel is already linked to WhatsApp");
    await this.detach()
      ?.end(undefined)
      .catch(() => {});
    this.mode = "pairing";
    this.qrsShown = 0;
    this.attempt = 0;
    let waiter!: { resolve(socket: SocketLike): void; reject(error: Error): void };
    const ready = new Promise<SocketLike>((resolve, reject) => (waiter = { resolve, reject }));
    ready.catch(() => {}); // it may fail before it is awaited; awaiting it below still throws
    this.pairingReady = waiter;
    const timer = setTimeout(
      () => waiter.reject(new Error("WhatsApp was not ready for a pairing code in time")),
      this.opts.pairingReadyMs,
    );
    try {
      await this.open();
      const socket = await ready;
      const code = await socket.requestPairingCode(phone.slice(1));
      this.setStatus("qr", "pairing_code");
      const windowMs = this.qrLifetime(1) + (this.opts.qrLimit - 1) * this.qrLifetime(2);
      this.events.pairingCode({ code, expiresAt: Date.now() + windowMs });
      return code;
    } catch (error) {
      if (this.mode === "pairing" && this.socket) await this.giveUp("pairing_failed");
      throw error;
    } finally {
      clearTimeout(timer);
      if (this.pairingReady === waiter) this.pairingReady = null;
    }
  }

  private async open(reason?: string): Promise<void> {
    this.clearRetry();
    const generation = ++this.generation;
    if (this.status !== "connecting") this.setStatus("connecting", reason);
    let auth: SealedAuthState;
    try {
      auth = await this.loadAuth();
    } catch (err) {
      if (generation !== this.generation) return;
      this.ctx.log.error({ err }, "reading the WhatsApp Web credentials failed");
      this.pairingReady?.reject(err as Error);
      return this.setStatus("disconnected", "credentials_unreadable");
    }
    // A pairing code that was never confirmed leaves `me` set: Baileys would try to log in.
    if (!isLinked(auth.creds) && auth.creds.me) {
      await auth
        .wipe()
        .catch((err: unknown) => this.ctx.log.warn({ err }, "deleting an unfinished link failed"));
    }
    if (generation !== this.generation) return;
    const live = () => generation === this.generation;
    this.qrsOfSocket = 0;
    let socket: SocketLike;
    try {
      socket = this.opts.makeSocket({
        auth: auth.state,
        logger: baileysLogger(this.ctx.log),
        ...(this.opts.qrTimeoutMs !== undefined && { qrTimeout: this.opts.qrTimeoutMs }),
      });
    } catch (err) {
      this.ctx.log.error({ err }, "creating the WhatsApp Web socket failed");
      this.pairingReady?.reject(err as Error);
      return this.setStatus("disconnected", "socket_error");
    }
    this.socket = socket;
    socket.ev.on("creds.update", (update) => {
      if (!live()) return;
      Object.assign(auth.creds, update);
      auth
        .saveCreds()
        .catch((err: unknown) => this.ctx.log.error({ err }, "saving WhatsApp Web credentials failed"));
    });
    socket.ev.on("connection.update", (u) => {
      if (!live()) return;
      if (u.qr) this.onQr(socket, u.qr);
      if (u.connection === "open") this.onOpen(socket);
      if (u.connection === "close") void this.onClose(statusCodeOf(u.lastDisconnect?.error));
    });
    this.events.socket(socket, live);
  }

  private onQr(socket: SocketLike, qr: string): void {
    this.qrsOfSocket++;
    if (++this.qrsShown > this.opts.qrLimit) {
      void this.giveUp(this.mode === "pairing" ? "pairing_timeout" : "qr_timeout");
      return;
    }
    if (this.mode === "pairing") {
      this.pairingReady?.resolve(socket);
      return;
    }
    this.setStatus("qr");
    this.events.qr({ qr, expiresAt: Date.now() + this.qrLifetime(this.qrsOfSocket) });
  }

  private onOpen(socket: SocketLike): void {
    this.attempt = 0;
    this.qrsShown = 0;
    this.mode = "qr";
    this.setStatus("connected");
    this.events.opened(socket);
  }

  private async onClose(code: number | undefined): Promise<void> {
    this.socket = null;
    this.generation++; // nothing more from that socket
    this.pairingReady?.reject(new Error("the WhatsApp connection closed before a pairing code was given"));
    const linked = this.auth !== null && isLinked(this.auth.creds);
    if (!linked && code !== 515 && code !== 401 && code !== 403) {
      // 408 after QR codes: Baileys ran out of them ("QR refs attempts ended").
      if (this.mode === "pairing")
        return this.setStatus("disconnected", code === 408 ? "pairing_timeout" : "pairing_failed");
      if (this.qrsOfSocket > 0 && code === 408) return this.setStatus("disconnected", "qr_timeout");
    }
    const action = closeAction(code, code === 440 ? this.replaced.record(Date.now()) : 0);
    if (action.type === "restart") return this.open(action.reason);
    if (action.type === "backoff") return this.retryLater(action.reason);
    if (action.wipe) {
      await this.auth
        ?.wipe()
        .catch((err: unknown) => this.ctx.log.error({ err }, "wiping WhatsApp Web credentials failed"));
    }
    this.setStatus(action.status, action.reason);
  }

  private retryLater(reason: string): void {
    const delay = backoffDelay(this.attempt++, this.opts.rand, this.opts.backoff);
    this.setStatus("connecting", reason);
    this.ctx.log.info({ reason, delayMs: delay }, "WhatsApp Web connection lost; reconnecting");
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.open();
    }, delay);
  }

  /** Stops trying: the socket is closed and the status becomes `disconnected` with `reason`. */
  private async giveUp(reason: string): Promise<void> {
    const socket = this.detach();
    this.setStatus("disconnected", reason);
    await socket?.end(undefined).catch(() => {});
  }

  /** Forgets the current socket (its events are ignored from now on) and any pending retry. */
  private detach(): SocketLike | null {
    this.generation++;
    this.clearRetry();
    this.pairingReady?.reject(new Error("the pairing was interrupted"));
    const socket = this.socket;
    this.socket = null;
    return socket;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private qrLifetime(nth: number): number {
    return this.opts.qrTimeoutMs ?? (nth === 1 ? FIRST_QR_MS : NEXT_QR_MS);
  }

  private async loadAuth(): Promise<SealedAuthState> {
    this.auth ??= await SealedAuthState.load(
      this.ctx.auth,
      this.ctx.secretKey,
      this.ctx.channelId,
      (kind, id, err) =>
        this.ctx.log.warn({ err, kind, id }, "a stored WhatsApp Web key cannot be read; ignoring it"),
    );
    return this.auth;
  }

  private setStatus(status: ChannelStatus, reason?: string): void {
    if (status === this.status && reason === this.reason) return;
    this.status = status;
    this.reason = reason;
    this.events.state(reason === undefined ? { status } : { status, reason });
  }
}

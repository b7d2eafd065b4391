/**
 * The WhatsApp Cloud API Transport of one channel (DESIGN.md §4): sends through the
 * Graph API, and receives through the webhook (src/modules/webhooks), which finds this
 * transport in the registry and hands it messages and statuses to emit.
 */
import { dirname, resolve } from "node:path";
import type { TransportContext, TransportKind } from "../factory.js";
import { TransportEmitter } from "../emitter.js";
import {
  TransportError,
  type ChannelStatus,
  type E164,
  type InboundMessage,
  type Outgoing,
  type ReceiptEvent,
  type ReceiptPricing,
  type SendResult,
  type Transport,
  type TransportEvents,
} from "../transport.js";
import { GraphClient } from "./client.js";
import { DEFAULT_GRAPH_BASE_URL, parseCloudApiConfig, type CloudApiConfig } from "./config.js";
import { classifyGraphError, CloudApiTransportError, toTransportError } from "./errors.js";
import { ChannelMedia } from "./media.js";
import {
  mediaPayload,
  type ReplyButton,
  replyButtonsPayload,
  templatePayload,
  textPayload,
} from "./messages.js";
import { deleteCloudApiSecrets, loadCloudApiSecrets } from "./secrets.js";
import { graphTargetOf } from "./sandbox-graph/index.js";
import type { TemplateMessage } from "./templates.js";
import { assertWindowOpen, isWindowOpen, lastInbound } from "./window.js";

/**
 * An outgoing message that may be an approved template (sent instead of text / media), or
 * text with reply buttons (`buttons`: an interactive message, inside the 24-hour window only;
 * messages.ts `replyButtonsPayload`). Other transports ignore both and send the text.
 */
export interface CloudApiOutgoing extends Outgoing {
  template?: TemplateMessage;
  buttons?: ReplyButton[];
}

/** A status from the webhook (`statuses[]`), as processWebhook hands it over. */
export interface StatusUpdate {
  messageId: string;
  status: "sent" | "delivered" | "read" | "failed";
  to: E164;
  at: number;
  /** For `failed`: Meta's errors (`code`, `title`, `error_data.details`). */
  errors?: Array<{ code: number; title?: string; details?: string }>;
  /** Meta's `pricing` of the message (category, billable), when the status carried it. */
  pricing?: ReceiptPricing;
}

/** Options of {@link createCloudApiKind}. */
export interface CloudApiKindOptions {
  /**
   * The Graph API host of every channel (KABAR_CLOUD_API_BASE_URL; default
   * https://graph.facebook.com). Operator-level: a channel's stored config cannot change it.
   */
  graphBaseUrl?: string;
  /** Where live transports are registered for the webhook (default: the process-wide one). */
  registry?: CloudApiRegistry;
  /** KABAR_DATA_DIR (default: two levels above `ctx.mediaDir`, which is `<dataDir>/media/<id>`). */
  dataDir?: string;
  /** Waits before reconnecting after a temporary failure, ms (the last one repeats). */
  reconnectDelaysMs?: number[];
  now?: () => number;
}

/**
 * Transports for `cloud_api` channels. `dedupes: false`: the Cloud API takes no message
 * id from the sender, so a recipient a crash left "sending" is marked `unknown`, never resent.
 */
export function createCloudApiKind(opts: CloudApiKindOptions = {}): TransportKind {
  return { dedupes: false, create: (ctx) => new CloudApiTransport(ctx, opts) };
}

/** The Cloud API {@link Transport} of one channel; build it with {@link createCloudApiKind}. */
export class CloudApiTransport implements Transport {
  readonly channelId: string;
  private status: ChannelStatus = "disconnected";
  private reason: string | undefined;
  private client: GraphClient | null = null;
  private config: CloudApiConfig | null = null;
  private readonly media: ChannelMedia;
  private readonly registry: CloudApiRegistry;
  private readonly now: () => number;
  private wanted = false;
  private attempt = 0;
  private reconnect: NodeJS.Timeout | null = null;
  private readonly emitter: TransportEmitter;

  constructor(
    private readonly ctx: TransportContext,
    private readonly opts: CloudApiKindOptions = {},
  ) {
    this.emitter = new TransportEmitter((err, event) =>
      ctx.log.error({ err, event }, "a Cloud API transport listener failed"),
    );
    this.channelId = ctx.channel.id;
    this.registry = opts.registry ?? cloudApiTransports;
    this.now = opts.now ?? Date.now;
    this.media = new ChannelMedia(
      opts.dataDir ?? resolve(dirname(dirname(ctx.mediaDir))),
      ctx.mediaDir,
      this.now,
    );
  }

  /** The channel's connection status. */
  get currentStatus(): ChannelStatus {
    return this.status;
  }

  /** The Graph phone number id once connected (webhook changes of other numbers are ignored). */
  get phoneNumberId(): string | undefined {
    return this.config?.phoneNumberId;
  }

  /**
   * Loads the config and sealed secrets, and checks the token with `GET /<PHONE_NUMBER_ID>`;
   * resolves when the check is done: state `connected`; `needs_token` (no token stored,
   * Graph 190 / permissions); `blocked` (a stop-class error); `disconnected` with the
   * reason (invalid config, wrong id), retried later after a temporary error.
   * The transport is in the webhook registry from here until `disconnect()`.
   */
  async connect(): Promise<void> {
    if (this.status === "connecting" || this.status === "connected") return;
    this.wanted = true;
    this.clearReconnect();
    this.registry.add(this);
    this.setStatus("connecting");
    try {
      this.config = parseCloudApiConfig(this.ctx.channel.config);
      const secrets = await loadCloudApiSecrets(this.ctx.db, this.ctx.secretKey, this.channelId);
      if (!secrets) return this.setStatus("needs_token", "No access token is stored for this channel");
      this.client = new GraphClient({
        ...this.config,
        ...graphTargetOf(this.ctx.channel, this.config, this.opts.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL),
        accessToken: secrets.accessToken,
      });
      await this.client.phoneNumber(this.config.phoneNumberId);
      if (!this.wanted) return;
      this.attempt = 0;
      this.setStatus("connected");
    } catch (err) {
      if (!this.wanted) return;
      const e = toTransportError(err);
      if (!this.applyErrorState(e)) this.setStatus("disconnected", e.message);
      if (e.kind === "retry") this.scheduleReconnect();
    }
  }

  /** Stops sending and leaves the webhook registry; the token stays stored. */
  async disconnect(): Promise<void> {
    this.wanted = false;
    this.clearReconnect();
    this.registry.remove(this);
    if (this.status === "connecting" || this.status === "connected") this.setStatus("disconnected");
  }

  /** Disconnects and wipes the stored token and secrets (state `logged_out`). */
  async logout(): Promise<void> {
    await this.disconnect();
    await deleteCloudApiSecrets(this.ctx.db, this.channelId);
    this.client = null;
    this.setStatus("logged_out");
  }

  /**
   * Sends a template (`msg.template`, any time) or text / media / text with reply buttons
   * (`msg.buttons`; only inside the 24-hour window). `opts.messageId` is not given to Meta (the Cloud API has no idempotency key):
   * the result's `messageId` is the wamid Meta assigned, which receipts refer to.
   * @throws TransportError `outside_window` (a template is needed), `invalid_message`,
   *   `disconnected` (retryable, not connected), and the classes of errors.ts (a stop or
   *   token error also moves the channel to `blocked` / `needs_token`)
   */
  async send(to: E164, msg: Outgoing, _opts: { messageId: string }): Promise<SendResult> {
    const { client, config } = this.live();
    const { template, buttons } = msg as CloudApiOutgoing;
    try {
      let payload: Record<string, unknown>;
      if (template) {
        const headerRef = template.headerMedia
          ? await this.media.ref(client, config.phoneNumberId, template.headerMedia)
          : undefined;
        payload = templatePayload(to, template, headerRef);
      } else {
        if (!msg.text && !msg.media)
          throw new TransportError("invalid_message", "A message needs text, media or a template", false);
        await assertWindowOpen(this.ctx.db, this.ctx.channel, to, this.now());
        payload = buttons?.length
          ? replyButtonsPayload(to, msg.text ?? "", buttons)
          : msg.media
            ? mediaPayload(
                to,
                msg.media,
                await this.media.ref(client, config.phoneNumberId, msg.media),
                msg.text,
              )
            : textPayload(to, msg.text!);
      }
      const { wamid } = await client.sendMessage(config.phoneNumberId, payload);
      return { messageId: wamid, at: this.now() };
    } catch (err) {
      if (err instanceof TransportError && !(err instanceof CloudApiTransportError)) throw err;
      const e = toTransportError(err);
      this.applyErrorState(e);
      throw e;
    }
  }

  /** The Cloud API cannot tell whether a number is on WhatsApp: every number answers true. */
  async checkNumbers(phones: E164[]): Promise<Map<E164, boolean>> {
    return new Map(phones.map((p) => [p, true]));
  }

  /**
   * Shows "typing…" (Cloud API typing indicator): only possible as an answer to the
   * customer's last message inside the window, which it also marks read; WhatsApp hides it
   * on the next message or after 25 s, so `on = false` does nothing. Never throws.
   */
  async setTyping(to: E164, on: boolean): Promise<void> {
    if (!on || this.status !== "connected" || !this.client || !this.config) return;
    try {
      const last = await lastInbound(this.ctx.db, this.ctx.channel, to);
      if (last && isWindowOpen(last.at, this.now()))
        await this.client.typing(this.config.phoneNumberId, last.messageId);
    } catch (err) {
      this.ctx.log.debug({ err }, "typing indicator failed");
    }
  }

  /** Emits a customer's message (called by the webhook job). */
  receiveInbound(m: InboundMessage): void {
    this.emit("message", m);
  }

  /**
   * Emits a status from the webhook as a 'receipt'. A failed one carries Meta's error code
   * and the owner-facing reason; for a stop or token class of code it also moves the
   * channel to `blocked` / `needs_token`.
   */
  receiveStatus(s: StatusUpdate): void {
    if (s.status !== "failed") {
      const receipt: ReceiptEvent = { messageId: s.messageId, status: s.status, to: s.to, at: s.at };
      if (s.pricing) receipt.pricing = s.pricing;
      this.emit("receipt", receipt);
      return;
    }
    const first = s.errors?.[0];
    const c = first
      ? classifyGraphError(first.code, undefined)
      : {
          kind: "fail" as const,
          transportCode: "invalid_message" as const,
          message: "WhatsApp could not deliver the message",
        };
    const detail = first?.details ?? first?.title;
    const reason = first ? `${c.message} (Meta #${first.code}${detail ? `: ${detail}` : ""})` : c.message;
    this.applyErrorState(new CloudApiTransportError(c.kind, c.transportCode, reason, first?.code ?? null));
    this.emit("receipt", {
      messageId: s.messageId,
      status: "failed",
      to: s.to,
      at: s.at,
      error: { code: first ? String(first.code) : c.transportCode, reason },
    });
  }

  /**
   * Downloads a received media file into the channel's media folder (see ChannelMedia.save).
   * @throws TransportError `disconnected` when there is no token yet; Graph errors
   */
  downloadMedia(received: Parameters<ChannelMedia["save"]>[1]) {
    if (!this.client)
      throw new TransportError("disconnected", "The channel has no access token loaded", true);
    return this.media.save(this.client, received);
  }

  /** Adds a listener. */
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.emitter.on(event, listener);
  }

  /** Removes a listener added with `on`. */
  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.emitter.off(event, listener);
  }

  private live(): { client: GraphClient; config: CloudApiConfig } {
    if (this.status === "needs_token")
      throw new CloudApiTransportError(
        "token",
        "logged_out",
        "The access token is not valid; enter a new token",
      );
    if (this.status === "blocked")
      throw new CloudApiTransportError("stop", "banned", "The channel is stopped by WhatsApp");
    if (this.status !== "connected" || !this.client || !this.config)
      throw new TransportError("disconnected", "The Cloud API channel is not connected", true);
    return { client: this.client, config: this.config };
  }

  /** Moves the channel to `blocked` / `needs_token` for a stop / token error; true when it did. */
  private applyErrorState(e: CloudApiTransportError): boolean {
    if (e.kind === "stop") this.setStatus("blocked", e.message);
    else if (e.kind === "token") this.setStatus("needs_token", e.message);
    else return false;
    return true;
  }

  private scheduleReconnect(): void {
    const delays = this.opts.reconnectDelaysMs ?? [5_000, 15_000, 60_000, 300_000];
    const delay = delays[Math.min(this.attempt++, delays.length - 1)] ?? 300_000;
    this.reconnect = setTimeout(() => void this.connect(), delay);
    this.reconnect.unref();
  }

  private clearReconnect(): void {
    if (this.reconnect) clearTimeout(this.reconnect);
    this.reconnect = null;
  }

  private setStatus(status: ChannelStatus, reason?: string): void {
    if (status === this.status && reason === this.reason) return;
    this.status = status;
    this.reason = reason;
    this.emit("state", reason ? { status, reason } : { status });
  }

  private emit<E extends keyof TransportEvents>(event: E, payload: Parameters<TransportEvents[E]>[0]): void {
    this.emitter.emit(event, payload);
  }
}

/*
 * The webhook registry: the live Cloud API transports of this process, by channel id.
 * Webhooks arrive over HTTP, not over the transport's connection: the webhook job looks the
 * channel's live transport up here and hands it the messages and statuses, which it emits as
 * 'message' / 'receipt' events to the channel manager like any other transport.
 */

/** Live transports by channel id; a transport is in it from `connect()` to `disconnect()` / `logout()`. */
export class CloudApiRegistry {
  private readonly live = new Map<string, CloudApiTransport>();

  /** The channel's live transport in this process, if any. */
  get(channelId: string): CloudApiTransport | undefined {
    return this.live.get(channelId);
  }

  /** Registers a transport (replacing an older one of the same channel). */
  add(transport: CloudApiTransport): void {
    this.live.set(transport.channelId, transport);
  }

  /** Unregisters a transport; a newer transport of the same channel stays. */
  remove(transport: CloudApiTransport): void {
    if (this.live.get(transport.channelId) === transport) this.live.delete(transport.channelId);
  }
}

/** The process-wide registry `createCloudApiKind()` fills by default. */
export const cloudApiTransports = new CloudApiRegistry();

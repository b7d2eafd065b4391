/**
 * The sandbox Transport of one channel: sending with WhatsApp's de-duplication, and
 * holding events while offline. The connection lifecycle lives in connection.ts, the
 * receipts and replies that follow a message (and their replay after a restart) in
 * fates.ts.
 */
import type {
  ChannelStatus,
  E164,
  InboundMessage,
  Outgoing,
  ReceiptEvent,
  Restrictions,
  SendResult,
  Transport,
  TransportEvents,
} from "../transport.js";
import { TransportError } from "../transport.js";
import { MicroBatcher } from "./batcher.js";
import { TransportEmitter } from "../emitter.js";
import type { SandboxChannel, SandboxContext, SandboxFault } from "./connection.js";
import { ChannelConnection } from "./connection.js";
import { FatePlayer } from "./fates.js";
import { parseSandboxAction } from "./control.js";
import { RestrictionModel } from "./restrictions.js";
import type { SandboxDelivery } from "./store.js";

/** An event held back while the channel is offline, delivered when it connects. */
type Held = { event: "message"; payload: InboundMessage } | { event: "receipt"; payload: ReceiptEvent };

/**
 * The sandbox {@link Transport} of one channel; obtain it from
 * `SandboxNetwork.transport()`. Receipts and customer messages that arrive while the
 * channel is not connected are held and delivered, in order, once it connects (as
 * WhatsApp does for an offline device). Each time it connects, it also replays the fates
 * of the messages other processes sent on the channel (an earlier run, or another Kabar
 * that held the channel meanwhile; see `FatePlayer.replay`), so receipts and replies cut
 * off by a restart or a hand-over still arrive.
 */
export class SandboxTransport implements Transport {
  private readonly emitter: TransportEmitter;
  private readonly held: Held[] = [];
  private readonly typing = new Set<E164>();
  private readonly connection: ChannelConnection;
  private readonly batcher: MicroBatcher<SandboxDelivery, boolean>;
  private readonly fates: FatePlayer;
  private readonly model: RestrictionModel;

  /** @param channel the channel; its `id` and `phone` must be unique in the network */
  constructor(
    readonly channel: Readonly<SandboxChannel>,
    private readonly ctx: SandboxContext,
  ) {
    this.emitter = new TransportEmitter((error) => ctx.reportError(error));
    this.connection = new ChannelConnection(channel, ctx, {
      state: (event) => this.emit("state", event),
      qr: (event) => this.emit("qr", event),
      connected: () => {
        for (const held of this.held.splice(0)) this.emit(held.event, held.payload);
        this.fates.replay(ctx.timers.now()).catch((error: unknown) => ctx.reportError(error));
      },
    });
    this.batcher = new MicroBatcher((items) => this.record(items));
    this.fates = new FatePlayer(channel, ctx, {
      receipt: (payload) => this.deliver({ event: "receipt", payload }),
      message: (payload) => this.receive(payload),
    });
    const since = channel.since ?? ctx.timers.now();
    this.model = new RestrictionModel(channel, ctx, since, ctx.newChatCap, (r) =>
      this.emit("restrictions", r),
    );
  }

  /** The channel's current connection status. */
  get status(): ChannelStatus {
    return this.connection.status;
  }

  /**
   * Whether "typing…" is currently shown to `to`: set by {@link setTyping}, ended by it
   * or by a message to `to` arriving.
   */
  isTyping(to: E164): boolean {
    return this.typing.has(to);
  }

  /**
   * Starts connecting, like opening WhatsApp Web: a paired channel goes `connecting` →
   * `connected` (~1 s scaled); an unpaired one shows QR codes (state `qr`, a new `qr`
   * event every 20 s scaled, `disconnected` with reason `qr_timeout` after 5 codes). A
   * banned channel goes `blocked`. No-op while showing a QR, connecting or connected.
   * @throws Error when the network is closed
   */
  connect(): Promise<void> {
    return this.connection.connect();
  }

  /** Closes the connection; the channel stays paired. A `logged_out`/`blocked` status stays. */
  async disconnect(): Promise<void> {
    this.connection.disconnect();
  }

  /** Unlinks the device (state `logged_out`); the next `connect()` shows a QR code. */
  logout(): Promise<void> {
    return this.connection.unlink("logout");
  }

  /**
   * Sends one message. Resolves with the 'sent' tick (and emits a 'sent' receipt); then
   * come a `delivered` receipt after the phone's latency, maybe `read`, maybe a reply
   * (see `messageFate`), each stamped with the time it was due. A cold send from a
   * restricted number may fail with 463 or be accepted and never delivered (only the
   * 'sent' tick; see `RestrictionModel`). A messageId this channel already sent resolves
   * `{ duplicate: true }` and produces no events, like WhatsApp ignoring a resent id.
   * Concurrent sends are written to the store in batches.
   * @throws TransportError `invalid_message` (no messageId, no text or media),
   *   `banned`/`logged_out` (stopChannel), `disconnected` (retryable), `rate_limited`
   *   (retryable, injected fault), `not_on_whatsapp`, `reachout_locked` (463: a cold
   *   send during a timelock), `network_error` (retryable, the store failed)
   */
  async send(to: E164, msg: Outgoing, opts: { messageId: string }): Promise<SendResult> {
    const { messageId } = opts;
    if (!messageId || !(msg.text?.trim() || msg.media?.url)) {
      throw new TransportError("invalid_message", "A message needs a messageId and text or media", false);
    }
    this.connection.admitSend();
    const phone = this.ctx.behaviourOf(to);
    if (!phone.onWhatsApp) throw new TransportError("not_on_whatsapp", `${to} is not on WhatsApp`, false);
    const decided = this.model.admit(to, messageId);
    const admission = typeof decided === "string" ? decided : await this.settle(decided);

    const at = this.ctx.timers.now();
    const delivery: SandboxDelivery = {
      channelId: this.channel.id,
      messageId,
      from: this.channel.phone,
      to,
      at,
      ...(msg.text !== undefined && { text: msg.text }),
      ...(msg.media && { media: msg.media }),
    };
    if (!(await this.batcher.add(delivery))) return { messageId, at, duplicate: true };
    this.setTypingState(to, false); // the message arriving ends "typing…", as on WhatsApp
    this.deliver({ event: "receipt", payload: { messageId, status: "sent", to, at } });
    if (admission === "drop") this.fates.silence(delivery);
    else this.fates.play(delivery, phone);
    return { messageId, at };
  }

  /**
   * The number's new-chat cap and reach-out timelock now (see `RestrictionModel`).
   * @throws TransportError when the channel is not connected (as for `send`), or
   *   `network_error` (retryable) when the store fails
   */
  async restrictions(): Promise<Restrictions> {
    this.connection.assertUsable();
    try {
      return await this.model.picture();
    } catch (error) {
      throw this.storeFailure(error);
    }
  }

  /**
   * Which numbers are on WhatsApp, from each phone's behaviour.
   * @throws TransportError when the channel is not connected (as for `send`)
   */
  async checkNumbers(phones: E164[]): Promise<Map<E164, boolean>> {
    this.connection.assertUsable();
    return new Map(phones.map((phone) => [phone, this.ctx.behaviourOf(phone).onWhatsApp]));
  }

  /**
   * Shows or stops "typing…" on the virtual phone `to` (see {@link isTyping}); each change
   * is reported to the network's `onTyping`. The phone's behaviour does not depend on it.
   */
  async setTyping(to: E164, on: boolean): Promise<void> {
    this.setTypingState(to, on);
  }

  /** Adds a listener; a listener that throws is reported to the network's `onError`. */
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.emitter.on(event, listener);
  }

  /** Removes a listener added with {@link on}. */
  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.emitter.off(event, listener);
  }

  /**
   * The virtual phone scans the QR code on screen: the channel is paired and goes
   * `connecting` → `connected`. Resolves false, doing nothing, when no QR is shown.
   */
  scan(): Promise<boolean> {
    return this.connection.scan();
  }

  /**
   * Injects a fault (see {@link SandboxFault}); resolves once any change is persisted.
   * A restriction fault (`cap`, `timelock`, `unlock`) emits `restrictions`.
   * @throws RangeError for a `rate_limit` count that is not a non-negative integer, or a
   *   bad `cap` / `timelock` value (see `RestrictionModel.inject`)
   */
  injectFault(fault: SandboxFault): Promise<void> {
    if (fault.type === "cap" || fault.type === "timelock" || fault.type === "unlock")
      return this.model.inject(fault);
    return this.connection.injectFault(fault);
  }

  /**
   * Lifts the rate limit and the ban; a `blocked` channel reconnects (`connected` if
   * paired, else a QR). A pending reconnect from a `disconnect` fault runs its course.
   */
  clearFaults(): void {
    this.connection.clearFaults();
  }

  /** Performs an action another process asked for (see control.ts); unknown ones are ignored. */
  async control(json: unknown): Promise<void> {
    const action = parseSandboxAction(json);
    if (action?.type === "scan") await this.scan();
    else if (action?.type === "fault") await this.injectFault(action.fault);
    else if (action?.type === "clear") this.clearFaults();
    else if (action?.type === "phone-message") this.receive(action.message);
  }

  /** Delivers a customer's message now, or when the channel next connects. */
  receive(message: InboundMessage): void {
    this.model.noteInbound(message.from);
    this.deliver({ event: "message", payload: message });
  }

  /**
   * Called when the network closes: queued sends fail with `disconnected`, held events
   * are dropped and the status becomes `disconnected` without an event.
   */
  shutdown(): void {
    this.connection.shutdown();
    this.model.stop();
    this.batcher.drop(new TransportError("disconnected", "The sandbox network is closed", true));
    this.held.length = 0;
  }

  /** The batch step: persists the deliveries; true for each item that is new. */
  private async record(items: SandboxDelivery[]): Promise<boolean[]> {
    const first = new Map<string, SandboxDelivery>();
    for (const item of items) if (!first.has(item.messageId)) first.set(item.messageId, item);
    let fresh: Set<string>;
    try {
      // Every number a channel writes to gets a virtual phone, before the message is on it.
      await this.ctx.registerRecipients(
        this.channel.id,
        [...first.values()].map((item) => item.to),
      );
      fresh = await this.ctx.store.recordDeliveries([...first.values()]);
    } catch (error) {
      throw this.storeFailure(error, "The sandbox store failed to record the message");
    }
    // Of several sends with one id in a batch, the first is new and the rest duplicates.
    return items.map((item) => first.get(item.messageId) === item && fresh.has(item.messageId));
  }

  /** Awaits the model's decision on a cold send; a store failure is a retryable `network_error`. */
  private async settle(decided: Promise<"send" | "drop">): Promise<"send" | "drop"> {
    let admission: "send" | "drop";
    try {
      admission = await decided;
    } catch (error) {
      if (error instanceof TransportError) throw error;
      throw this.storeFailure(error);
    }
    this.connection.assertUsable(); // the channel may have gone while the store answered
    return admission;
  }

  private storeFailure(error: unknown, message = "The sandbox store failed"): TransportError {
    const failure = new TransportError("network_error", message, true);
    failure.cause = error;
    return failure;
  }

  private setTypingState(to: E164, on: boolean): void {
    if (this.typing.has(to) === on) return;
    if (on) this.typing.add(to);
    else this.typing.delete(to);
    this.ctx.typing(this.channel.id, to, on);
  }

  private deliver(held: Held): void {
    if (this.status === "connected") this.emit(held.event, held.payload);
    else this.held.push(held);
  }

  private emit<E extends keyof TransportEvents>(event: E, payload: Parameters<TransportEvents[E]>[0]): void {
    this.emitter.emit(event, payload);
  }
}

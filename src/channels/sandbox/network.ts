/**
 * The sandbox: an in-process, deterministic, simulated WhatsApp network (DESIGN.md §4),
 * the default network for demos, development and tests.
 */
import type { E164, InboundMessage } from "../transport.js";
import { TransportError } from "../transport.js";
import type { VirtualPhone } from "./behaviour.js";
import { defaultPhone, phoneMessageId } from "./behaviour.js";
import type { Scheduler } from "./clock.js";
import { Timers, realScheduler } from "./clock.js";
import type { SandboxChannel, SandboxContext, SandboxFault } from "./connection.js";
import type { SandboxStore } from "./store.js";
import { SandboxTransport } from "./transport.js";

/** How to build a {@link SandboxNetwork}. */
export interface SandboxNetworkOptions {
  /** Every random outcome is derived from this seed: same seed, same world. */
  seed: string;
  /** Multiplies every simulated delay: 1 = real time, 0.001 = 1000× faster, 0 = at once. */
  timeScale: number;
  store: SandboxStore;
  /**
   * Whether cold sends count against each number's warm-up new-chat cap by themselves,
   * leading to timelocks and silent drops past it (restrictions.ts). Default false: the
   * cap and the timelock then change only through faults (`cap`, `timelock`, `unlock`).
   */
  newChatCap?: boolean;
  /**
   * Whether numbers nobody registered answer with their seed-derived reply rate (default
   * true); false makes their reply rate 0, so they only receive and read.
   */
  strangersReply?: boolean;
  /** The clock; defaults to real, unref'd timers ({@link realScheduler}). */
  scheduler?: Scheduler;
  /**
   * Called when background work fails (a store write for a reply, a throwing event
   * listener). Defaults to `console.error`.
   */
  onError?: (error: unknown) => void;
  /**
   * Called when a channel starts or stops showing "typing…" to a phone (the virtual
   * phone sees it, as a customer sees it on WhatsApp). Defaults to nothing.
   */
  onTyping?: (event: SandboxTypingEvent) => void;
}

/** A channel (the shop's side) starts or stops "typing…" to a virtual phone. */
export interface SandboxTypingEvent {
  channelId: string;
  /** The virtual phone's number. */
  phone: E164;
  typing: boolean;
}

/**
 * One simulated WhatsApp network with many channels (Kabar's numbers) and virtual
 * phones (customers). Call {@link start} before anything else and {@link close} when
 * done. Registered phones come from the store; any other number behaves as
 * `defaultPhone(seed, number)` says; a number a channel writes to is registered with that
 * behaviour (in the store, as a phone of the channel's shop) the first time a message to
 * it is accepted, so every customer a shop wrote to has a phone. A network on a store an
 * earlier one used (Kabar restarted) picks up where it stopped: when a channel connects,
 * the receipts and replies of the last 24 h of messages other processes sent on it are
 * replayed (see `FatePlayer.replay`), also when the channel comes back from another
 * process.
 */
export class SandboxNetwork {
  /** The seed this network was built with. */
  readonly seed: string;
  private readonly store: SandboxStore;
  private readonly timers: Timers;
  private readonly context: SandboxContext;
  private readonly phones = new Map<E164, VirtualPhone>();
  private readonly channels = new Map<string, SandboxTransport>();
  /** Customer messages to channel numbers that have no transport yet, by channel number. */
  private readonly parked = new Map<E164, InboundMessage[]>();
  private phoneMessages = 0;
  private readonly strangersReply: boolean;
  private started = false;

  /** @throws RangeError when `timeScale` is negative or not finite */
  constructor(options: SandboxNetworkOptions) {
    this.seed = options.seed;
    this.strangersReply = options.strangersReply ?? true;
    this.store = options.store;
    this.timers = new Timers(options.scheduler ?? realScheduler, options.timeScale);
    const reportError = options.onError ?? ((error: unknown) => console.error("[sandbox]", error));
    const onTyping = options.onTyping;
    this.context = {
      seed: this.seed,
      store: this.store,
      timers: this.timers,
      newChatCap: options.newChatCap ?? false,
      behaviourOf: (phone) => this.phone(phone),
      registerRecipients: (channelId, phones) => this.registerRecipients(channelId, phones),
      typing: (channelId, phone, typing) => {
        try {
          onTyping?.({ channelId, phone, typing });
        } catch (error) {
          reportError(error);
        }
      },
      reportError,
    };
  }

  /**
   * Loads the registered virtual phones from the store, and registers the numbers
   * channels wrote to before every recipient got a phone. Idempotent.
   * @throws what the store throws
   */
  async start(): Promise<void> {
    if (this.started) return;
    for (const phone of await this.store.getPhones()) this.phones.set(phone.phone, phone);
    const missing = new Map<string, E164[]>();
    for (const { channelId, phone } of await this.store.unregisteredRecipients())
      missing.set(channelId, [...(missing.get(channelId) ?? []), phone]);
    for (const [channelId, phones] of missing) await this.registerRecipients(channelId, phones);
    this.started = true;
  }

  /**
   * The transport of `channel`, created on first use; later calls with the same id
   * return the same instance (its first `autoScan` setting stays). Customer messages
   * already sent to the channel's number are held for it until it connects.
   * @throws Error before `start()`, after `close()`, or when the id is known with
   *   another number or the number belongs to another channel
   */
  transport(channel: SandboxChannel): SandboxTransport {
    this.assertRunning();
    const existing = this.channels.get(channel.id);
    if (existing) {
      if (existing.channel.phone !== channel.phone) {
        throw new Error(`Sandbox channel ${channel.id} already has number ${existing.channel.phone}`);
      }
      return existing;
    }
    const owner = this.channelWithPhone(channel.phone);
    if (owner) {
      throw new Error(`Number ${channel.phone} already belongs to sandbox channel ${owner.channel.id}`);
    }

    const transport = new SandboxTransport({ ...channel }, this.context);
    this.channels.set(channel.id, transport);
    for (const message of this.parked.get(channel.phone) ?? []) transport.receive(message);
    this.parked.delete(channel.phone);
    return transport;
  }

  /** Registers virtual phones (persisted in the store), replacing same-numbered ones. */
  async addPhones(phones: VirtualPhone[]): Promise<void> {
    await this.store.savePhones(phones);
    for (const phone of phones) this.phones.set(phone.phone, phone);
  }

  /**
   * Registers the numbers among `phones` that are not registered yet, with the behaviour
   * they already have (`defaultPhone`), as phones of `channelId`'s shop. Called by a
   * channel before it records messages to them.
   * @throws what the store throws (nothing is registered in memory then)
   */
  private async registerRecipients(channelId: string, phones: E164[]): Promise<void> {
    const fresh = [...new Set(phones)].filter((phone) => !this.phones.has(phone));
    if (fresh.length === 0) return;
    const profiles = fresh.map((phone) => this.stranger(phone));
    await this.store.registerPhones(channelId, profiles);
    for (const profile of profiles)
      if (!this.phones.has(profile.phone)) this.phones.set(profile.phone, profile);
  }

  /** The behaviour of `phone`: the registered profile, or the seed-derived default. */
  phone(phone: E164): VirtualPhone {
    return this.phones.get(phone) ?? this.stranger(phone);
  }

  /** A number nobody registered: the seed-derived default, silent when strangers do not reply. */
  private stranger(phone: E164): VirtualPhone {
    const profile = defaultPhone(this.seed, phone);
    return this.strangersReply ? profile : { ...profile, replyRate: 0 };
  }

  /**
   * The virtual phone scans the QR code `channelId` shows (the sandbox phone page's
   * button): the channel is paired and connects. False when no QR is shown.
   * @throws Error for an unknown channel
   */
  async scan(channelId: string): Promise<boolean> {
    return this.channel(channelId).scan();
  }

  /**
   * A customer writes first: `from` sends `text` to the channel whose number is
   * `toChannelPhone`. Recorded in the store, then delivered as an inbound `message` (held
   * until the channel is connected, like WhatsApp holding messages for an offline
   * device). Resolves with the new message's id.
   * @throws TransportError `invalid_message` (blank text), `not_on_whatsapp` (`from`
   *   has no WhatsApp); Error before `start()` or after `close()`
   */
  async sendFromPhone(from: E164, toChannelPhone: E164, text: string): Promise<string> {
    const message = await this.recordFromPhone(from, toChannelPhone, text);
    this.deliverFromPhone(message, toChannelPhone);
    return message.messageId;
  }

  /**
   * The first half of {@link sendFromPhone}: checks and records the phone's message and
   * returns it, for delivery by the process that holds the channel.
   * @throws as sendFromPhone
   */
  async recordFromPhone(from: E164, toChannelPhone: E164, text: string): Promise<InboundMessage> {
    this.assertRunning();
    if (!text.trim()) throw new TransportError("invalid_message", "A message needs text", false);
    const sender = this.phone(from);
    if (!sender.onWhatsApp) throw new TransportError("not_on_whatsapp", `${from} is not on WhatsApp`, false);

    const at = this.timers.now();
    const messageId = phoneMessageId(this.seed, from, toChannelPhone, at, ++this.phoneMessages);
    await this.store.recordPhoneMessage({ messageId, from, to: toChannelPhone, text, at });
    return { messageId, from, profileName: sender.name, text, at };
  }

  /** The second half of {@link sendFromPhone}: hands the message to the channel, or holds it until the channel exists here. */
  private deliverFromPhone(message: InboundMessage, toChannelPhone: E164): void {
    const target = this.channelWithPhone(toChannelPhone);
    const parked = this.parked.get(toChannelPhone);
    if (target) target.receive(message);
    else if (parked) parked.push(message);
    else this.parked.set(toChannelPhone, [message]);
  }

  /**
   * Injects a fault into a channel (see {@link SandboxFault}).
   * @throws Error for an unknown channel; RangeError for a bad `rate_limit` count
   */
  async injectFault(channelId: string, fault: SandboxFault): Promise<void> {
    return this.channel(channelId).injectFault(fault);
  }

  /**
   * Lifts a channel's rate limit and ban (a `blocked` channel reconnects).
   * @throws Error for an unknown channel
   */
  clearFaults(channelId: string): void {
    this.channel(channelId).clearFaults();
  }

  /**
   * Stops the network: cancels every pending timer (receipts, replies, QR rotation,
   * reconnects), fails sends still waiting for the store with `disconnected`, and drops
   * held events. Idempotent; the network cannot be restarted.
   */
  close(): void {
    this.timers.close();
    for (const transport of this.channels.values()) transport.shutdown();
    this.parked.clear();
  }

  private channel(channelId: string): SandboxTransport {
    const transport = this.channels.get(channelId);
    if (!transport) throw new Error(`Unknown sandbox channel ${channelId}`);
    return transport;
  }

  private channelWithPhone(phone: E164): SandboxTransport | undefined {
    for (const transport of this.channels.values()) if (transport.channel.phone === phone) return transport;
    return undefined;
  }

  private assertRunning(): void {
    if (!this.started) throw new Error("SandboxNetwork.start() must be awaited first");
    if (this.timers.isClosed) throw new Error("The sandbox network is closed");
  }
}

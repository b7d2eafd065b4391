/**
 * What the sandbox persists, behind a small interface: the PostgreSQL implementation
 * lives with the database code; {@link MemorySandboxStore} serves tests and demos.
 */
import type { E164, Media } from "../transport.js";
import type { VirtualPhone } from "./behaviour.js";

/** A message a channel sent to a virtual phone, as the network accepted it. */
export interface SandboxDelivery {
  channelId: string;
  /** The caller's stable id; WhatsApp de-duplicates on it per channel. */
  messageId: string;
  /** The channel's own number. */
  from: E164;
  /** The customer's number. */
  to: E164;
  text?: string;
  media?: Media;
  /** Epoch ms the network accepted it. */
  at: number;
}

/** A message a virtual phone sent to a channel number (a reply or a first message). */
export interface SandboxPhoneMessage {
  /** Globally unique (the network derives it from the seed, see behaviour.ts). */
  messageId: string;
  /** The customer's number. */
  from: E164;
  /** The channel's number. */
  to: E164;
  text: string;
  /** Epoch ms. */
  at: number;
}

/**
 * One line of a virtual phone's chat history, seen from the phone: `in` = the phone
 * received it from a channel, `out` = the phone sent it.
 */
export type PhoneInboxEntry =
  | (SandboxDelivery & { direction: "in" })
  | (SandboxPhoneMessage & { direction: "out" });

/**
 * Persistence for a {@link SandboxNetwork}. Implementations must be safe to call
 * concurrently; the network never sends two `recordDeliveries` calls for one channel at
 * the same time, but different channels may overlap.
 */
export interface SandboxStore {
  /**
   * Persists a batch of deliveries (up to ~500; distinct messageIds per channel) and
   * returns the ids that were NEW for their channel. Ids seen before are not stored again:
   * that answer is how the sandbox de-duplicates by message id, like WhatsApp.
   */
  recordDeliveries(items: SandboxDelivery[]): Promise<Set<string>>;
  /**
   * The deliveries of `channelId` accepted at or after `sinceMs` (epoch ms), oldest first:
   * what the sandbox replays when a channel connects after a restart.
   */
  listDeliveries(channelId: string, sinceMs: number): Promise<SandboxDelivery[]>;
  /**
   * When each of `phones` first wrote to the channel (epoch ms; absent for phones that
   * never did): the sandbox's new-chat cap counts only sends to phones that did not.
   */
  firstMessagesFrom(channel: { id: string; phone: E164 }, phones: E164[]): Promise<Map<E164, number>>;
  /** Records a message a virtual phone sent; an id recorded before is ignored. */
  recordPhoneMessage(message: SandboxPhoneMessage): Promise<void>;
  /** The registered virtual phones. */
  getPhones(): Promise<VirtualPhone[]>;
  /** Registers virtual phones, replacing any with the same number. */
  savePhones(phones: VirtualPhone[]): Promise<void>;
  /**
   * Registers the phones channel `channelId` writes to, as virtual customers of the
   * channel's shop; a number registered before keeps its profile and its shop. Idempotent,
   * and safe when two channels register one number at the same time.
   */
  registerPhones(channelId: string, phones: VirtualPhone[]): Promise<void>;
  /**
   * Numbers a channel wrote to that have no registered phone (written before every
   * recipient got one), each with one channel that wrote to it.
   */
  unregisteredRecipients(): Promise<Array<{ channelId: string; phone: E164 }>>;
  /** Whether the channel's device is linked (survives restarts, like WhatsApp credentials). */
  isPaired(channelId: string): Promise<boolean>;
  setPaired(channelId: string, paired: boolean): Promise<void>;
  /** The phone's latest `limit` (default 50) messages, both directions, oldest first. */
  listMessagesForPhone(phone: E164, limit?: number): Promise<PhoneInboxEntry[]>;
}

/** An in-memory {@link SandboxStore}: everything is lost with the process. */
export class MemorySandboxStore implements SandboxStore {
  private readonly seen = new Map<string, Set<string>>();
  /** Each channel's deliveries, in the order they were recorded. */
  private readonly deliveries = new Map<string, SandboxDelivery[]>();
  private readonly phoneMessageIds = new Set<string>();
  private readonly inboxes = new Map<E164, PhoneInboxEntry[]>();
  private readonly phones = new Map<E164, VirtualPhone>();
  private readonly paired = new Set<string>();

  /** @param phones virtual phones registered from the start */
  constructor(phones: VirtualPhone[] = []) {
    for (const phone of phones) this.phones.set(phone.phone, phone);
  }

  async recordDeliveries(items: SandboxDelivery[]): Promise<Set<string>> {
    const fresh = new Set<string>();
    for (const item of items) {
      let seen = this.seen.get(item.channelId);
      if (!seen) {
        seen = new Set();
        this.seen.set(item.channelId, seen);
      }
      if (seen.has(item.messageId)) continue;
      seen.add(item.messageId);
      fresh.add(item.messageId);
      const stored = { ...item };
      const sent = this.deliveries.get(item.channelId);
      if (sent) sent.push(stored);
      else this.deliveries.set(item.channelId, [stored]);
      this.append(item.to, { ...item, direction: "in" });
    }
    return fresh;
  }

  async listDeliveries(channelId: string, sinceMs: number): Promise<SandboxDelivery[]> {
    const sent = (this.deliveries.get(channelId) ?? []).filter((d) => d.at >= sinceMs);
    return sent.map((d) => ({ ...d })).sort((a, b) => a.at - b.at);
  }

  async firstMessagesFrom(channel: { id: string; phone: E164 }, phones: E164[]): Promise<Map<E164, number>> {
    const first = new Map<E164, number>();
    for (const phone of new Set(phones)) {
      const wrote = (this.inboxes.get(phone) ?? []).filter(
        (m) => m.direction === "out" && m.to === channel.phone,
      );
      if (wrote.length > 0) first.set(phone, Math.min(...wrote.map((m) => m.at)));
    }
    return first;
  }

  async recordPhoneMessage(message: SandboxPhoneMessage): Promise<void> {
    if (this.phoneMessageIds.has(message.messageId)) return;
    this.phoneMessageIds.add(message.messageId);
    this.append(message.from, { ...message, direction: "out" });
  }

  async getPhones(): Promise<VirtualPhone[]> {
    return [...this.phones.values()];
  }

  async savePhones(phones: VirtualPhone[]): Promise<void> {
    for (const phone of phones) this.phones.set(phone.phone, phone);
  }

  async registerPhones(_channelId: string, phones: VirtualPhone[]): Promise<void> {
    for (const phone of phones) if (!this.phones.has(phone.phone)) this.phones.set(phone.phone, phone);
  }

  async unregisteredRecipients(): Promise<Array<{ channelId: string; phone: E164 }>> {
    const found = new Map<E164, string>();
    for (const [channelId, sent] of this.deliveries)
      for (const d of sent) if (!this.phones.has(d.to) && !found.has(d.to)) found.set(d.to, channelId);
    return [...found].map(([phone, channelId]) => ({ channelId, phone }));
  }

  async isPaired(channelId: string): Promise<boolean> {
    return this.paired.has(channelId);
  }

  async setPaired(channelId: string, paired: boolean): Promise<void> {
    if (paired) this.paired.add(channelId);
    else this.paired.delete(channelId);
  }

  async listMessagesForPhone(phone: E164, limit = 50): Promise<PhoneInboxEntry[]> {
    return limit > 0 ? (this.inboxes.get(phone) ?? []).slice(-limit) : [];
  }

  private append(phone: E164, entry: PhoneInboxEntry): void {
    const inbox = this.inboxes.get(phone);
    if (inbox) inbox.push(entry);
    else this.inboxes.set(phone, [entry]);
  }
}

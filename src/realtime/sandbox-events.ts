/**
 * Sandbox deliveries as domain events, so the sandbox phone page follows a virtual
 * customer's chat live: the network's store is wrapped, and every message it records
 * (a channel's message reaching a phone, or a phone's own message) is announced on the
 * bus as `sandbox.message`, in the tenant of the channel involved; the network's typing
 * changes are announced as `sandbox.typing` ({@link announceSandboxTyping}).
 */
import type { Db } from "../db/client.js";
import type { E164 } from "../channels/transport.js";
import type { VirtualPhone } from "../channels/sandbox/behaviour.js";
import type { SandboxTypingEvent } from "../channels/sandbox/network.js";
import type {
  PhoneInboxEntry,
  SandboxDelivery,
  SandboxPhoneMessage,
  SandboxStore,
} from "../channels/sandbox/store.js";
import type { Bus } from "../lib/bus.js";
import { channelTenant } from "./queries.js";

/** A sandbox message event; `direction` is seen from the phone (as in GET /sandbox/phones/:phone/messages). */
export interface SandboxMessageEvent {
  tenantId: string;
  channelId: string;
  direction: "in" | "out";
  /** The virtual phones concerned (one batch of deliveries may reach many). */
  phones: string[];
}

/**
 * The shop's side of a sandbox channel shows (`typing: true`) or stops showing "typing…"
 * to virtual phone `phone` (an auto-reply's or a campaign's human-like delay).
 */
export interface SandboxTypingBusEvent {
  tenantId: string;
  channelId: string;
  phone: string;
  typing: boolean;
}

declare module "../lib/bus.js" {
  interface BusEvents {
    "sandbox.message": SandboxMessageEvent;
    "sandbox.typing": SandboxTypingBusEvent;
  }
}

/** Looks up (and caches) the tenant of a channel by id or by its sandbox number. */
function tenantLookup(db: Db) {
  const cache = new Map<string, Promise<{ channelId: string; tenantId: string } | null>>();
  return (key: { id: string } | { sandboxPhone: string }) => {
    const k = "id" in key ? `id:${key.id}` : `phone:${key.sandboxPhone}`;
    let hit = cache.get(k);
    if (!hit) {
      hit = channelTenant(db, key).then(
        (r) => {
          if (!r) cache.delete(k); // a channel created later may take that number
          return r;
        },
        (err: unknown) => {
          cache.delete(k); // the database was away: ask again next time
          throw err;
        },
      );
      cache.set(k, hit);
    }
    return hit;
  };
}

/**
 * A {@link SandboxStore} that behaves exactly like `inner` and, after each write, emits
 * `sandbox.message` on `bus` (without delaying the write's answer).
 */
export function observeSandboxStore(
  inner: SandboxStore,
  db: Db,
  bus: Bus,
  onError: (err: unknown) => void,
): SandboxStore {
  const tenantOf = tenantLookup(db);
  const announce = (
    key: { id: string } | { sandboxPhone: string },
    direction: "in" | "out",
    phones: string[],
  ) => {
    tenantOf(key).then((t) => {
      if (t) bus.emit("sandbox.message", { tenantId: t.tenantId, channelId: t.channelId, direction, phones });
    }, onError);
  };
  return {
    async recordDeliveries(items: SandboxDelivery[]): Promise<Set<string>> {
      const fresh = await inner.recordDeliveries(items);
      const byChannel = new Map<string, Set<string>>();
      for (const d of items) {
        if (!fresh.has(d.messageId)) continue;
        const phones = byChannel.get(d.channelId) ?? new Set<string>();
        byChannel.set(d.channelId, phones.add(d.to));
      }
      for (const [channelId, phones] of byChannel) announce({ id: channelId }, "in", [...phones]);
      return fresh;
    },
    async recordPhoneMessage(message: SandboxPhoneMessage): Promise<void> {
      await inner.recordPhoneMessage(message);
      announce({ sandboxPhone: message.to }, "out", [message.from]);
    },
    listDeliveries: (channelId: string, sinceMs: number): Promise<SandboxDelivery[]> =>
      inner.listDeliveries(channelId, sinceMs),
    firstMessagesFrom: (channel: { id: string; phone: E164 }, phones: E164[]): Promise<Map<E164, number>> =>
      inner.firstMessagesFrom(channel, phones),
    getPhones: (): Promise<VirtualPhone[]> => inner.getPhones(),
    savePhones: (phones: VirtualPhone[]): Promise<void> => inner.savePhones(phones),
    registerPhones: (channelId: string, phones: VirtualPhone[]): Promise<void> =>
      inner.registerPhones(channelId, phones),
    unregisteredRecipients: (): Promise<Array<{ channelId: string; phone: E164 }>> =>
      inner.unregisteredRecipients(),
    isPaired: (channelId: string): Promise<boolean> => inner.isPaired(channelId),
    setPaired: (channelId: string, paired: boolean): Promise<void> => inner.setPaired(channelId, paired),
    listMessagesForPhone: (phone: E164, limit?: number): Promise<PhoneInboxEntry[]> =>
      inner.listMessagesForPhone(phone, limit),
  };
}

/**
 * The network's `onTyping` listener (SandboxNetworkOptions): announces each change as
 * `sandbox.typing` on `bus`, in the tenant of the channel (looked up once per channel),
 * so the virtual phone's page shows "typing…" while the shop types. A failed lookup goes
 * to `onError` (the event is lost; typing is momentary).
 */
export function announceSandboxTyping(
  db: Db,
  bus: Bus,
  onError: (err: unknown) => void,
): (event: SandboxTypingEvent) => void {
  const tenantOf = tenantLookup(db);
  return ({ channelId, phone, typing }) => {
    tenantOf({ id: channelId }).then((t) => {
      if (t) bus.emit("sandbox.typing", { tenantId: t.tenantId, channelId, phone, typing });
    }, onError);
  };
}

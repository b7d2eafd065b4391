/**
 * Where each event happened (issue 13): the outlet of its number and, for a conversation,
 * its agent, read when the event is forwarded. Lookups are cached a few seconds
 * (`ttlMs`), so a burst of one conversation's messages costs one query, and a number's
 * outlet one query per number and period: a number moved to another outlet, or a
 * conversation given to another agent in another process, is followed within `ttlMs`
 * (an assignment made in this process at once: {@link EventScope.assigned}).
 */
import type { Db } from "../db/client.js";
import { campaignChannel, channelOutlet, conversationWhere } from "./queries.js";

/** A conversation's number and agent. */
interface ConversationWhere {
  channelId: string;
  assigneeId: string | null;
}

/** A map whose values are loaded once and kept `ttlMs`; a failed load is not kept. */
function ttlCache<V>(ttlMs: number, load: (key: string) => Promise<V>) {
  const entries = new Map<string, { at: number; value: Promise<V>; settled?: { value: V } }>();
  return {
    /** The value when it is loaded and fresh (no promise to wait for); undefined otherwise. */
    now(key: string): { value: V } | undefined {
      const hit = entries.get(key);
      return hit && Date.now() - hit.at < ttlMs ? hit.settled : undefined;
    },
    get(key: string): Promise<V> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      // Old entries go when the map grows: a sweep per 10 000 keys.
      if (entries.size > 10_000) for (const [k, e] of entries) if (now - e.at >= ttlMs) entries.delete(k);
      const value = load(key);
      const entry: { at: number; value: Promise<V>; settled?: { value: V } } = { at: now, value };
      entries.set(key, entry);
      value.then(
        (v) => (entry.settled = { value: v }),
        () => entries.delete(key),
      );
      return value;
    },
    set(key: string, value: V): void {
      entries.set(key, { at: Date.now(), value: Promise.resolve(value), settled: { value } });
    },
  };
}

/** The lookups of event scopes, cached (see the file header). */
export interface EventScope {
  /** The outlet of a number; null: no such number. */
  channelOutlet(channelId: string): Promise<string | null>;
  /** The outlet of a number when it is cached (`{ value }`), without waiting; undefined: not cached. */
  channelOutletNow(channelId: string): { value: string | null } | undefined;
  /** A conversation's number and agent, by id or by number and contact; null: none. */
  conversation(
    by: { id: string } | { channelId: string; contactId: string },
  ): Promise<ConversationWhere | null>;
  /** The main number of a campaign; null: none. */
  campaignChannel(campaignId: string): Promise<string | null>;
  /** A conversation was given to `assigneeId` (null: the queue) in this process: its cached agent follows. */
  assigned(conversationId: string, assigneeId: string | null): void;
}

/** The event scope lookups on `db`, each kept `ttlMs` (default 5 s). */
export function eventScope(db: Db, ttlMs = 5_000): EventScope {
  const outlets = ttlCache(ttlMs, (id) => channelOutlet(db, id));
  const byId = ttlCache(ttlMs, (id) => conversationWhere(db, { id }));
  const byChat = ttlCache(ttlMs, (key) => {
    const [channelId = "", contactId = ""] = key.split("/");
    return conversationWhere(db, { channelId, contactId });
  });
  const campaigns = ttlCache(ttlMs, (id) => campaignChannel(db, id));
  return {
    channelOutlet: (id) => outlets.get(id),
    channelOutletNow: (id) => outlets.now(id),
    conversation: (by) => ("id" in by ? byId.get(by.id) : byChat.get(`${by.channelId}/${by.contactId}`)),
    campaignChannel: (id) => campaigns.get(id),
    assigned(conversationId, assigneeId) {
      void byId.get(conversationId).then(
        (c) => c && byId.set(conversationId, { ...c, assigneeId }),
        () => undefined,
      );
    },
  };
}

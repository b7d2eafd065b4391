/**
 * What a Baileys transport keeps in the database, as interfaces: PostgreSQL in production
 * (pg-store.ts), in memory in unit tests (testing.ts).
 */
import type { E164 } from "../transport.js";

/** One row of a channel's auth state: `kind` 'creds' (id '') or a signal key type. */
export interface AuthRow {
  kind: string;
  id: string;
  /** The sealed value; null deletes the row. */
  value: Buffer | null;
}

/** The channel's `baileys_auth` rows (values already sealed by auth-state.ts). */
export interface AuthRows {
  /** Sealed values of `kind` by id; ids without a row are absent. */
  get(kind: string, ids: string[]): Promise<Map<string, Buffer>>;
  /** Writes and deletes the rows in ONE transaction: all of them or none. */
  put(rows: AuthRow[]): Promise<void>;
  /** Deletes every row of the channel (credentials and keys). */
  wipe(): Promise<void>;
}

/** The tenant's cache of "is this number on WhatsApp?" answers (`number_checks`). */
export interface NumberCheckCache {
  /** Answers checked less than `maxAgeMs` ago, for those of `phones` that have one. */
  fresh(phones: E164[], maxAgeMs: number): Promise<Map<E164, boolean>>;
  /** Stores (or refreshes) answers, stamped now. */
  record(answers: Map<E164, boolean>): Promise<void>;
}

/** The tenant's WhatsApp JIDs of contacts (`whatsapp_jids`), for LIDs. */
export interface JidDirectory {
  /** The phone (E.164) of the contact a JID was recorded for, or null. */
  phoneOf(jid: string): Promise<E164 | null>;
  /** Records `jid` for the contact with `phone`; false when the tenant has no such contact. */
  link(jid: string, phone: E164): Promise<boolean>;
}

/** Everything a Baileys transport persists for its channel. */
export interface BaileysStore {
  auth: AuthRows;
  numberChecks: NumberCheckCache;
  jids: JidDirectory;
  /** Stores the channel's own number once the linked account tells it (`channels.phone`). */
  setChannelPhone(phone: E164): Promise<void>;
}

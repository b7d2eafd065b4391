import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { Transport } from "./transport.js";

/** The kinds of channel Kabar connects (the `channels.kind` column). */
export type ChannelKind = "sandbox" | "whatsapp_web" | "cloud_api";

/** What a transport gets to connect one channel. */
export interface TransportContext {
  channel: {
    id: string;
    tenantId: string;
    /** The channel's own number (E.164), once known. */
    phone: string | null;
    /** Non-secret settings (`channels.config`). */
    config: Record<string, unknown>;
    /** When the channel was added (the sandbox counts its number's age from it). */
    createdAt?: Date;
  };
  db: Db;
  /** KABAR_SECRET_KEY (32 bytes): seals credentials at rest (src/lib/crypto.ts). */
  secretKey: Buffer;
  /** Folder for media files this channel receives (under KABAR_DATA_DIR). */
  mediaDir: string;
  log: Logger;
}

/** How the channel manager builds transports of one kind. */
export interface TransportKind {
  create(ctx: TransportContext): Transport;
  /**
   * True when the network de-duplicates by the message id Kabar chooses (sandbox, Baileys):
   * a recipient a crash left "sending" is resent with the same id. False (Cloud API): it is
   * marked `unknown` instead, never sent twice.
   */
  dedupes: boolean;
}

/** Transport kinds by channel kind; a kind not present cannot be connected in this build. */
export type TransportKinds = Partial<Record<ChannelKind, TransportKind>>;

/**
 * The part of a Baileys socket (`makeWASocket`) Kabar uses, so tests can put a fake in its
 * place (testing.ts), and the production factories that wrap the real library.
 */
import {
  downloadMediaMessage,
  makeCacheableSignalKeyStore,
  makeWASocket,
  type AnyMessageContent,
  type BaileysEventMap,
  type Contact,
  type MiscMessageGenerationOptions,
  type NewChatMessageCapInfo,
  type ReachoutTimelockState,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAPresence,
} from "baileys";
import type { Logger } from "pino";

/** The socket's event emitter (Baileys' `sock.ev`), reduced to what Kabar listens with. */
export interface SocketEvents {
  on<T extends keyof BaileysEventMap>(event: T, listener: (arg: BaileysEventMap[T]) => void): void;
}

/**
 * What Kabar calls on a Baileys socket. The real `makeWASocket` result satisfies it; the
 * fake in testing.ts implements exactly this. Events used: `connection.update`,
 * `creds.update`, `messages.upsert`, `messages.update`, `lid-mapping.update`,
 * `message-capping.update`.
 */
export interface SocketLike {
  ev: SocketEvents;
  /** The linked account once open: `id` is the phone JID with a device suffix ("6281…:12@s.whatsapp.net"). */
  user: Contact | undefined;
  sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined>;
  /** Numbers (digits or JIDs) that are on WhatsApp; numbers not on it are left out of the answer. */
  onWhatsApp(...phoneNumbers: string[]): Promise<Array<{ jid: string; exists: boolean }> | undefined>;
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>;
  /** Asks WhatsApp for an 8-character link code for `phoneNumber` (digits only, with country code). */
  requestPairingCode(phoneNumber: string): Promise<string>;
  /** Unlinks this device (the socket then closes with DisconnectReason.loggedOut, 401). */
  logout(msg?: string): Promise<void>;
  /** Closes the socket; it emits `connection.update` `close` with `error` as the reason. */
  end(error: Error | undefined): Promise<void>;
  /** Baileys v7's LID ↔ phone-number store (kept in the signal keys, type 'lid-mapping'). */
  signalRepository?: { lidMapping: { getPNForLID(lid: string): Promise<string | null> } };
  /** The account's new-chat cap for the current cycle (WhatsApp, 2026; absent before Baileys 7.0.0-rc14). */
  fetchNewChatMessageCap?(): Promise<NewChatMessageCapInfo>;
  /**
   * The account's reach-out timelock; Baileys also emits it as `connection.update`
   * `{ reachoutTimeLock }`. Absent before Baileys 7.0.0-rc14.
   */
  fetchAccountReachoutTimelock?(): Promise<ReachoutTimelockState>;
  /** Asks the sender's phone to upload expired media again (used by media downloads). */
  updateMediaMessage?(message: WAMessage): Promise<WAMessage>;
}

/** Builds a socket from a Baileys config (the real `makeWASocket`, or a fake in tests). */
export type MakeSocket = (config: UserFacingSocketConfig) => SocketLike;

/** Downloads and decrypts the media of a received message (Baileys `downloadMediaMessage`). */
export type DownloadMedia = (message: WAMessage, socket: SocketLike) => Promise<Buffer>;

/**
 * The production socket: Baileys' `makeWASocket` with the signal keys behind Baileys' own
 * in-memory cache (`makeCacheableSignalKeyStore`, so hot keys are not read from PostgreSQL
 * on every message), marked offline on connect (the phone keeps its notifications) and
 * without the full history sync (Kabar does not import old chats).
 */
export const realMakeSocket: MakeSocket = (config) =>
  makeWASocket({
    ...config,
    auth: { creds: config.auth.creds, keys: makeCacheableSignalKeyStore(config.auth.keys, config.logger) },
    markOnlineOnConnect: false,
    syncFullHistory: false,
  });

/**
 * The production media download: a Buffer of the decrypted file. When WhatsApp's CDN link
 * expired, Baileys asks the sender's phone to re-upload through `updateMediaMessage`.
 * @throws Error (Boom) when the message has no media or the download fails
 */
export const realDownloadMedia: DownloadMedia = async (message, socket) => {
  const reupload = socket.updateMediaMessage?.bind(socket);
  if (!reupload) return downloadMediaMessage(message, "buffer", {});
  return downloadMediaMessage(message, "buffer", {}, { reuploadRequest: reupload, logger: silentLogger });
};

/** Baileys' download context wants a logger; the transport logs failures itself. */
const silentLogger = {
  level: "silent",
  child: () => silentLogger,
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Baileys logs a lot at info: it gets the channel's logger at warn or quieter. */
export function baileysLogger(log: Logger): Logger {
  return log.child({ lib: "baileys" }, { level: log.levelVal >= 40 ? log.level : "warn" });
}

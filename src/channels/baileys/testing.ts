/**
 * A fake WhatsApp Web for tests: sockets that behave like Baileys' `makeWASocket` as far as
 * Kabar uses it (events, sends, number checks, presence, pairing codes, logout, end), driven
 * by the test; and an in-memory store. No test framework is used here.
 */
import { EventEmitter } from "node:events";
import pino from "pino";
import type {
  AnyMessageContent,
  AuthenticationCreds,
  BaileysEventMap,
  Contact,
  MiscMessageGenerationOptions,
  NewChatMessageCapInfo,
  ReachoutTimelockState,
  UserFacingSocketConfig,
  WAMessage,
  WAMessageUpdate,
  WAPresence,
} from "baileys";
import type { Db } from "../../db/client.js";
import type { TransportContext } from "../factory.js";
import type { E164, PairingCodeEvent } from "../transport.js";
import { recordEvents, type RecordedEvents } from "../sandbox/testing.js";
import { createBaileysKind, type BaileysKindOptions } from "./index.js";
import type { SocketLike } from "./socket.js";
import type { AuthRow, AuthRows, BaileysStore } from "./store.js";
import type { BaileysTransport } from "./transport.js";

/** An error shaped like the Boom Baileys closes a socket with (`output.statusCode`). */
export function boom(message: string, statusCode?: number, data?: unknown): Error {
  return Object.assign(new Error(message), {
    isBoom: true,
    output: { statusCode: statusCode ?? 500 },
    ...(data !== undefined && { data }),
  });
}

/** One fake socket; the test drives what WhatsApp "does" with its methods. */
class FakeSocket implements SocketLike {
  private readonly emitter = new EventEmitter();
  readonly ev = {
    on: <T extends keyof BaileysEventMap>(event: T, listener: (arg: BaileysEventMap[T]) => void) =>
      void this.emitter.on(event, listener),
  };
  user: Contact | undefined;
  closed = false;
  loggedOut = false;
  readonly sent: Array<{ jid: string; content: AnyMessageContent; options?: MiscMessageGenerationOptions }> =
    [];
  readonly presences: Array<{ type: WAPresence; jid?: string }> = [];
  readonly pairingRequests: string[] = [];
  readonly numberQueries: string[][] = [];
  /** The next sendMessage calls fail with these, in order. */
  readonly sendErrors: Error[] = [];
  readonly signalRepository = {
    lidMapping: { getPNForLID: async (lid: string) => this.whatsapp.lids.get(lid) ?? null },
  };

  constructor(
    readonly config: UserFacingSocketConfig,
    private readonly whatsapp: FakeWhatsApp,
  ) {}

  /** The creds Kabar gave this socket. */
  get creds(): AuthenticationCreds {
    return this.config.auth.creds;
  }

  emit<T extends keyof BaileysEventMap>(event: T, arg: BaileysEventMap[T]): void {
    this.emitter.emit(event, arg);
  }

  /** WhatsApp shows a QR (Baileys emits `connection.update { qr }`). */
  showQr(qr = `2@fake-ref-${Math.random().toString(36).slice(2)}`): void {
    this.emit("connection.update", { qr });
  }

  /** The phone scanned / confirmed: Baileys' pair-success writes `me` and `account` to the creds. */
  pair(phoneDigits = "6281100000001"): void {
    this.emit("creds.update", {
      me: { id: `${phoneDigits}:7@s.whatsapp.net`, name: "Toko Contoh" },
      account: { details: new Uint8Array([1, 2, 3]) },
    });
  }

  /** Logged in: `user` is set and `connection.update { connection: 'open' }` fires. */
  open(): void {
    this.user = this.creds.me ?? { id: "6281100000001:7@s.whatsapp.net" };
    this.emit("connection.update", { connection: "open" });
  }

  /** WhatsApp closes the socket with a DisconnectReason (undefined: a network error without one). */
  close(statusCode?: number, message = "closed by the fake"): void {
    if (this.closed) return;
    this.closed = true;
    const error = statusCode === undefined ? new Error(message) : boom(message, statusCode);
    this.emit("connection.update", { connection: "close", lastDisconnect: { error, date: new Date() } });
  }

  /** A customer's messages arrive (`messages.upsert`). */
  receive(messages: WAMessage[], type: "notify" | "append" = "notify"): void {
    this.emit("messages.upsert", { messages, type });
  }

  /** Status updates of sent messages (`messages.update`). */
  update(updates: WAMessageUpdate[]): void {
    this.emit("messages.update", updates);
  }

  async sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined> {
    const error = this.sendErrors.shift();
    if (error) throw error;
    this.sent.push({ jid, content, ...(options && { options }) });
    return { key: { remoteJid: jid, fromMe: true, id: options?.messageId ?? `FAKE${this.sent.length}` } };
  }

  async onWhatsApp(...phoneNumbers: string[]): Promise<Array<{ jid: string; exists: boolean }> | undefined> {
    this.numberQueries.push(phoneNumbers);
    return phoneNumbers
      .filter((p) => this.whatsapp.onWhatsApp.has(`+${p}`))
      .map((p) => ({ jid: `${p}@s.whatsapp.net`, exists: true }));
  }

  async sendPresenceUpdate(type: WAPresence, jid?: string): Promise<void> {
    this.presences.push({ type, ...(jid && { jid }) });
  }

  /** The account's cap as WhatsApp answers it (`FakeWhatsApp.cap`); fails with `restrictionsError` when set. */
  async fetchNewChatMessageCap(): Promise<NewChatMessageCapInfo> {
    if (this.whatsapp.restrictionsError) throw this.whatsapp.restrictionsError;
    return this.whatsapp.cap;
  }

  /** Like Baileys: answers the timelock and emits it as `connection.update { reachoutTimeLock }`. */
  async fetchAccountReachoutTimelock(): Promise<ReachoutTimelockState> {
    if (this.whatsapp.restrictionsError) throw this.whatsapp.restrictionsError;
    this.emit("connection.update", { reachoutTimeLock: this.whatsapp.timelock });
    return this.whatsapp.timelock;
  }

  /** Like Baileys: sets `me` to the number before the phone confirms, and answers a code. */
  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    this.emit("creds.update", {
      me: { id: `${phoneNumber}@s.whatsapp.net`, name: "~" },
      pairingCode: "KABAR123",
    });
    return "KABAR123";
  }

  /** Like Baileys: the socket then closes as logged out (401). */
  async logout(): Promise<void> {
    this.loggedOut = true;
    this.close(401, "Intentional Logout");
  }

  async end(error: Error | undefined): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.emit("connection.update", { connection: "close", lastDisconnect: { error, date: new Date() } });
  }
}

/** The fake network: every socket made, numbers on WhatsApp, LID pairs Baileys knows. */
export class FakeWhatsApp {
  readonly sockets: FakeSocket[] = [];
  readonly onWhatsApp = new Set<E164>();
  /** LID → phone JID, as Baileys' own LID store would answer. */
  readonly lids = new Map<string, string>();
  /** Bytes a media download returns, by message id (default: "media of <id>"). */
  readonly media = new Map<string, Buffer>();
  /** The new-chat cap `fetchNewChatMessageCap` answers (Baileys' raw shape). */
  cap = { capping_status: "NONE", total_quota: 20, used_quota: 0 } as NewChatMessageCapInfo;
  /** The reach-out timelock `fetchAccountReachoutTimelock` answers. */
  timelock = { isActive: false, enforcementType: "DEFAULT" } as ReachoutTimelockState;
  /** When set, both restriction reads fail with it. */
  restrictionsError: Error | undefined;

  readonly makeSocket = (config: UserFacingSocketConfig): FakeSocket => {
    const socket = new FakeSocket(config, this);
    this.sockets.push(socket);
    return socket;
  };

  readonly downloadMedia = async (message: WAMessage): Promise<Buffer> => {
    const id = message.key.id ?? "";
    if (id.startsWith("BROKEN")) throw new Error("media expired");
    return this.media.get(id) ?? Buffer.from(`media of ${id}`);
  };

  /** The most recent socket. @throws Error when none was made */
  get last(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error("no socket was made");
    return socket;
  }
}

/** `baileys_auth` rows in memory; `batches` records every `put` (one per transaction). */
export class MemoryAuthRows implements AuthRows {
  readonly rows = new Map<string, Buffer>();
  readonly batches: AuthRow[][] = [];

  async get(kind: string, ids: string[]): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    for (const id of ids) {
      const value = this.rows.get(`${kind}/${id}`);
      if (value) out.set(id, value);
    }
    return out;
  }

  async put(rows: AuthRow[]): Promise<void> {
    this.batches.push(rows);
    for (const r of rows) {
      if (r.value) this.rows.set(`${r.kind}/${r.id}`, r.value);
      else this.rows.delete(`${r.kind}/${r.id}`);
    }
  }

  async wipe(): Promise<void> {
    this.rows.clear();
  }
}

/** A {@link BaileysStore} in memory; `contacts` are the tenant's contacts' numbers. */
export class MemoryBaileysStore implements BaileysStore {
  readonly auth = new MemoryAuthRows();
  readonly checks = new Map<E164, { onWhatsApp: boolean; at: number }>();
  readonly contacts = new Set<E164>();
  readonly jidRows = new Map<string, E164>();
  channelPhone: E164 | null = null;

  readonly numberChecks = {
    fresh: async (phones: E164[], maxAgeMs: number) => {
      const out = new Map<E164, boolean>();
      for (const p of phones) {
        const c = this.checks.get(p);
        if (c && Date.now() - c.at < maxAgeMs) out.set(p, c.onWhatsApp);
      }
      return out;
    },
    record: async (answers: Map<E164, boolean>) => {
      for (const [phone, onWhatsApp] of answers) this.checks.set(phone, { onWhatsApp, at: Date.now() });
    },
  };

  readonly jids = {
    phoneOf: async (jid: string) => this.jidRows.get(jid) ?? null,
    link: async (jid: string, phone: E164) => {
      if (!this.contacts.has(phone)) return false;
      this.jidRows.set(jid, phone);
      return true;
    },
  };

  async setChannelPhone(phone: E164): Promise<void> {
    this.channelPhone = phone;
  }
}

/** A test secret key (32 bytes). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);

/** Recorded events, with pairing codes too. */
interface BaileysEvents extends RecordedEvents {
  pairingCodes: PairingCodeEvent[];
}

/** A transport context for channel `channelId`; `db` is only used by the PostgreSQL store. */
export function testContext(
  channelId: string,
  dataDir: string,
  db: Db = {} as Db,
  tenantId = "00000000-0000-4000-8000-000000000001",
): TransportContext {
  return {
    channel: { id: channelId, tenantId, phone: null, config: {} },
    db,
    secretKey: TEST_SECRET_KEY,
    mediaDir: `${dataDir}/media/${channelId}`,
    log: pino({ level: "silent" }),
  };
}

/**
 * A Baileys transport on a {@link FakeWhatsApp} and a {@link MemoryBaileysStore} (pass the
 * store of an earlier harness to simulate a restart), its events recorded. Jitter is
 * `rand: () => 0.5` unless given.
 */
export function fakeBaileys(
  opts: Omit<BaileysKindOptions, "store"> & {
    store?: MemoryBaileysStore;
    dataDir?: string;
    channelId?: string;
  } = {},
) {
  const {
    store = new MemoryBaileysStore(),
    dataDir = "/tmp/kabar-baileys-test",
    channelId = "ch-baileys",
    ...kindOpts
  } = opts;
  const whatsapp = new FakeWhatsApp();
  const kind = createBaileysKind({
    makeSocket: whatsapp.makeSocket,
    downloadMedia: whatsapp.downloadMedia,
    store: () => store,
    rand: () => 0.5,
    ...kindOpts,
  });
  const ctx = testContext(channelId, dataDir);
  const transport = kind.create(ctx) as BaileysTransport;
  const events: BaileysEvents = { ...recordEvents(transport), pairingCodes: [] };
  transport.on("pairing-code", (p) => events.pairingCodes.push(p));
  return { whatsapp, store, transport, events, ctx, kind };
}

/** A transport whose channel is linked and connected (the socket is open). */
export async function connectedBaileys(opts: Parameters<typeof fakeBaileys>[0] = {}) {
  const h = fakeBaileys(opts);
  await h.transport.connect();
  h.whatsapp.last.pair();
  h.whatsapp.last.open();
  await settle();
  return h;
}

/**
 * Lets queued promise work (event handlers, in-memory store writes) finish. Microtasks
 * only, so it works under fake timers; file and database I/O need real waiting.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

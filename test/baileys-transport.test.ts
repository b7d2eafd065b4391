/**
 * WhatsApp Web channels on a real PostgreSQL, with a fake Baileys socket: the credentials
 * survive a restart without a new QR and are sealed at rest, a `keys.set` batch is one
 * transaction, number checks are cached per tenant, LIDs are recorded for contacts, and the
 * channel API creates WhatsApp Web channels and hands out pairing codes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import pino from "pino";
import {
  baileysAuth,
  channels,
  contacts,
  numberChecks,
  tenants,
  whatsappJids,
} from "../src/db/schema/index.js";
import { ChannelManager } from "../src/channels/manager.js";
import { createBaileysKind } from "../src/channels/baileys/index.js";
import { SealedAuthState } from "../src/channels/baileys/auth-state.js";
import { pgAuthRows } from "../src/channels/baileys/pg-store.js";
import { FakeWhatsApp, TEST_SECRET_KEY, settle } from "../src/channels/baileys/testing.js";
import { createChannelService } from "../src/modules/channels/service.js";
import { createIntakeService } from "../src/modules/inbox/index.js";
import { campaignSenders } from "../src/modules/campaigns/index.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { apiClient, errorOf, ok, signIn, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { countingTransactions, insertBaileysChannel, pgBaileys } from "./support/baileys.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const SITI = "+6281234567890";
const BUDI = "+6281298765432";

let k: TestKabar;
let api: Api;
let tenantId: string;

beforeAll(async () => {
  // No channel manager: the transports here are built by the test, on the fake socket.
  k = await startTestKabar({}, { channels: false });
  api = apiClient(k.http!, { cookie: k.cookie });
  tenantId = k.owner.tenantId;
});
afterAll(async () => k?.close());

const authRows = (channelId: string) =>
  k.database.db.select().from(baileysAuth).where(eq(baileysAuth.channelId, channelId));

describe("credentials in baileys_auth", () => {
  it("survive a restart: a new transport logs in with the sealed creds, no QR", async () => {
    const channelId = await insertBaileysChannel(k.database.db, tenantId);
    const first = pgBaileys(k.database.db, channelId, tenantId);
    const qrs: string[] = [];
    first.transport.on("qr", (q) => qrs.push(q.qr));
    await first.transport.connect();
    first.whatsapp.last.showQr("qr-1");
    first.whatsapp.last.pair("6281100000001");
    first.whatsapp.last.close(515);
    await settle();
    first.whatsapp.last.open();
    expect(first.transport.status).toBe("connected");
    const advSecretKey = first.whatsapp.last.creds.advSecretKey;
    // A signal key written the way Baileys writes them.
    await first.whatsapp.last.config.auth.keys.set({
      session: { "6281234567890.0": Buffer.from("session-state") },
    });
    await waitFor(async () =>
      (await authRows(channelId)).some((r) => r.kind === "creds" && r.keyId === "") ? true : undefined,
    );
    await waitFor(async () => {
      const [c] = await k.database.db
        .select({ phone: channels.phone })
        .from(channels)
        .where(eq(channels.id, channelId));
      return c?.phone === "+6281100000001" ? true : undefined;
    });
    await first.transport.disconnect();

    // Sealed at rest: no creds field value, no key material in clear.
    const rows = await authRows(channelId);
    for (const r of rows) {
      expect(r.value.includes(Buffer.from(advSecretKey))).toBe(false);
      expect(r.value.includes(Buffer.from("6281100000001"))).toBe(false);
      expect(r.value.includes(Buffer.from("session-state"))).toBe(false);
      expect(r.value.includes(Buffer.from("registrationId"))).toBe(false);
    }

    const restarted = pgBaileys(k.database.db, channelId, tenantId);
    restarted.transport.on("qr", (q) => qrs.push(q.qr));
    await restarted.transport.connect();
    const socket = restarted.whatsapp.last;
    expect(socket.creds.me?.id).toBe("6281100000001:7@s.whatsapp.net");
    expect(socket.creds.advSecretKey).toBe(advSecretKey);
    expect(await socket.config.auth.keys.get("session", ["6281234567890.0"])).toEqual({
      "6281234567890.0": Buffer.from("session-state"),
    });
    socket.open();
    expect(restarted.transport.status).toBe("connected");
    expect(qrs).toEqual(["qr-1"]);

    // Logged out from the phone (401): every row of the channel is deleted.
    socket.close(401);
    await waitFor(async () => ((await authRows(channelId)).length === 0 ? true : undefined));
    expect(restarted.transport.status).toBe("logged_out");
  });

  it("writes a keys.set batch in one transaction: all of it or none", async () => {
    const channelId = await insertBaileysChannel(k.database.db, tenantId);
    const counting = countingTransactions(k.database.db);
    const { keys } = await SealedAuthState.load(
      pgAuthRows(counting.db, channelId),
      TEST_SECRET_KEY,
      channelId,
    );
    const pair = { public: Buffer.from([1, 2, 3]), private: Buffer.from([4, 5, 6]) };
    // Like Baileys' first upload: ~800 pre-keys, with a session and a deletion in the same batch.
    const preKeys = Object.fromEntries(Array.from({ length: 812 }, (_, i) => [String(i + 1), pair]));
    await keys.set({
      "pre-key": preKeys,
      session: { "a.0": Buffer.from("s") },
      "sender-key": { gone: null },
    });
    expect(counting.count()).toBe(1);
    const [n] = await k.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(baileysAuth)
      .where(eq(baileysAuth.channelId, channelId));
    expect(n!.n).toBe(813);

    // A batch that fails half-way (PostgreSQL refuses a NUL in a key id) changes nothing:
    // the deletion that came first in the same batch is rolled back.
    await expect(
      keys.set({ "pre-key": { "1": null }, session: { "bad\u0000id": Buffer.from("x") } }),
    ).rejects.toThrow();
    expect(await keys.get("pre-key", ["1"])).toEqual({ "1": pair });
    expect(counting.count()).toBe(2);
  });
});

describe("number checks", () => {
  it("are asked once and cached per tenant for 7 days", async () => {
    const channelId = await insertBaileysChannel(k.database.db, tenantId);
    const { whatsapp, transport } = pgBaileys(k.database.db, channelId, tenantId);
    whatsapp.onWhatsApp.add(SITI);
    await transport.connect();
    whatsapp.last.pair();
    whatsapp.last.open();
    expect(await transport.checkNumbers([SITI, BUDI])).toEqual(
      new Map([
        [SITI, true],
        [BUDI, false],
      ]),
    );
    expect(await transport.checkNumbers([BUDI, SITI])).toEqual(
      new Map([
        [BUDI, false],
        [SITI, true],
      ]),
    );
    expect(whatsapp.last.numberQueries).toEqual([["6281234567890", "6281298765432"]]);
    const cached = await k.database.db.select().from(numberChecks).where(eq(numberChecks.tenantId, tenantId));
    expect(Object.fromEntries(cached.map((c) => [c.phone, c.onWhatsApp]))).toEqual({
      [SITI]: true,
      [BUDI]: false,
    });

    // A send to a number known not to be on WhatsApp fails without asking again.
    await expect(transport.send(BUDI, { text: "Halo" }, { messageId: "3EB0NOTONWA" })).rejects.toMatchObject({
      code: "not_on_whatsapp",
      retryable: false,
    });
    expect(whatsapp.last.numberQueries).toHaveLength(1);

    // Older than 7 days: asked again.
    await k.database.db
      .update(numberChecks)
      .set({ checkedAt: sql`now() - interval '8 days'` })
      .where(and(eq(numberChecks.tenantId, tenantId), eq(numberChecks.phone, BUDI)));
    await transport.checkNumbers([BUDI, SITI]);
    expect(whatsapp.last.numberQueries.at(-1)).toEqual(["6281298765432"]);

    // Another tenant has its own cache.
    const [other] = await k.database.db
      .insert(tenants)
      .values({ name: "Toko Lain" })
      .returning({ id: tenants.id });
    const otherChannel = await insertBaileysChannel(k.database.db, other!.id);
    const theirs = pgBaileys(k.database.db, otherChannel, other!.id);
    await theirs.transport.connect();
    theirs.whatsapp.last.pair("6281100000002");
    theirs.whatsapp.last.open();
    await theirs.transport.checkNumbers([SITI]);
    expect(theirs.whatsapp.last.numberQueries).toEqual([["6281234567890"]]);
    await Promise.all([transport.disconnect(), theirs.transport.disconnect()]);
  });
});

describe("LIDs of contacts", () => {
  it("are recorded in whatsapp_jids and resolve a later LID-only message after a restart", async () => {
    const channelId = await insertBaileysChannel(k.database.db, tenantId);
    const [contact] = await k.database.db
      .insert(contacts)
      .values({ tenantId, phone: SITI, name: "Siti" })
      .returning({ id: contacts.id });
    const first = pgBaileys(k.database.db, channelId, tenantId);
    const froms: string[] = [];
    first.transport.on("message", (m) => froms.push(m.from));
    await first.transport.connect();
    first.whatsapp.last.pair();
    first.whatsapp.last.open();
    first.whatsapp.last.receive([
      {
        key: {
          remoteJid: "555000111@lid",
          remoteJidAlt: "6281234567890@s.whatsapp.net",
          fromMe: false,
          id: "LID1",
        },
        message: { conversation: "halo" },
        messageTimestamp: 1_740_800_000,
      },
    ]);
    await waitFor(async () => (froms.length === 1 ? true : undefined));
    const [jid] = await k.database.db
      .select()
      .from(whatsappJids)
      .where(and(eq(whatsappJids.tenantId, tenantId), eq(whatsappJids.jid, "555000111@lid")));
    expect(jid?.contactId).toBe(contact!.id);
    await first.transport.disconnect();

    const restarted = pgBaileys(k.database.db, channelId, tenantId);
    restarted.transport.on("message", (m) => froms.push(m.from));
    await restarted.transport.connect();
    restarted.whatsapp.last.open();
    restarted.whatsapp.last.receive([
      {
        key: { remoteJid: "555000111@lid", fromMe: false, id: "LID2" },
        message: { conversation: "lagi" },
        messageTimestamp: 1_740_800_100,
      },
    ]);
    await waitFor(async () => (froms.length === 2 ? true : undefined));
    expect(froms).toEqual([SITI, SITI]);
    await restarted.transport.disconnect();
  });
});

describe("the channel API for WhatsApp Web", () => {
  it("creates a WhatsApp Web channel without a number, with safe pacing", async () => {
    const created = await ok(
      api<ChannelDto>("POST", "/channels", { name: "WA Toko", kind: "whatsapp_web" }),
      201,
    );
    // This Kabar holds no channels (channels: false): the new number waits for a worker process to take it and show its QR.
    expect(created).toMatchObject({
      kind: "whatsapp_web",
      phone: null,
      pacingPreset: "safe",
      status: "connecting",
    });
    expect((await ok(api<ChannelDto[]>("GET", "/channels"))).map((c) => c.id)).toContain(created.id);
  });

  it("still accepts the old kind name baileys for one version, and answers whatsapp_web", async () => {
    const created = await ok(api<ChannelDto>("POST", "/channels", { name: "WA Lama", kind: "baileys" }), 201);
    expect(created).toMatchObject({ kind: "whatsapp_web", phone: null, pacingPreset: "safe" });
    const listed = (await ok(api<ChannelDto[]>("GET", "/channels"))).find((c) => c.id === created.id);
    expect(listed?.kind).toBe("whatsapp_web");
  });

  it("answers pairing-code requests it cannot serve with clear errors", async () => {
    const whatsappWeb = await ok(
      api<ChannelDto>("POST", "/channels", { name: "WA Cabang", kind: "whatsapp_web" }),
      201,
    );
    const sandbox = (await ok(api<ChannelDto[]>("GET", "/channels"))).find((c) => c.kind === "sandbox")!;
    const cases: Array<[string, unknown, number, string]> = [
      [sandbox.id, { phone: SITI }, 400, "pairing_unsupported"],
      [whatsappWeb.id, { phone: "12" }, 400, "invalid_phone"],
      [whatsappWeb.id, {}, 400, "validation_failed"],
      [whatsappWeb.id, { phone: "0812-3456-7890" }, 503, "not_running"],
      ["00000000-0000-4000-8000-000000000000", { phone: SITI }, 404, "channel_not_found"],
    ];
    for (const [id, body, status, code] of cases) {
      const r = await api("POST", `/channels/${id}/pairing-code`, body);
      expect({ id, status: r.status, code: errorOf(r).code }).toEqual({ id, status, code });
    }
    await factory(k, tenantId).user("agent", {
      email: "agen@toko-contoh.test",
      password: "rahasia-agen-123",
    });
    const agent = apiClient(k.http!, {
      cookie: (await signIn(k.http!, "agen@toko-contoh.test", "rahasia-agen-123")).cookie,
    });
    expect((await agent("POST", `/channels/${whatsappWeb.id}/pairing-code`, { phone: SITI })).status).toBe(
      403,
    );
  });

  it("hands out a pairing code through a live channel manager", async () => {
    const channelId = await insertBaileysChannel(k.database.db, tenantId, "WA Pairing");
    const whatsapp = new FakeWhatsApp();
    const manager = new ChannelManager({
      db: k.database.db,
      pool: k.database.pool,
      bus: k.bus,
      log: pino({ level: "silent" }),
      inbox: createIntakeService(k.database.db, k.bus),
      senders: campaignSenders(k.database.db, k.bus),
      kinds: { whatsapp_web: createBaileysKind({ makeSocket: whatsapp.makeSocket }) },
      secretKey: TEST_SECRET_KEY,
      dataDir: "/tmp/kabar-baileys-manager",
    });
    try {
      const service = createChannelService(k.database.db, manager, TEST_SECRET_KEY);
      const pending = service.requestPairingCode(k.owner, channelId, "0812-3456-7890");
      await waitFor(async () => (whatsapp.sockets.length >= 2 ? true : undefined));
      whatsapp.last.showQr();
      expect(await pending).toEqual({ code: "KABAR123" });
      expect(whatsapp.last.pairingRequests).toEqual(["6281234567890"]);
      const row = await waitFor(async () => {
        const [c] = await k.database.db.select().from(channels).where(eq(channels.id, channelId));
        return c?.status === "qr" ? c : undefined;
      });
      expect(row.lastError).toBe("pairing_code");
    } finally {
      await manager.stop();
    }
  });
});

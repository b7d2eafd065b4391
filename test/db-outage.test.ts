/**
 * Kabar rides out PostgreSQL going away mid-campaign:
 * - every connection of the database terminated (`pg_terminate_backend`), twice;
 * - the database server stopped for a few seconds and started again (a dedicated embedded
 *   PostgreSQL, so this runs the same on the embedded test server and on DATABASE_URL).
 * Each time the process stays up, the API answers 503 `database_unavailable` while the
 * database is away (not 500), the campaign completes with every recipient sent exactly
 * once, every receipt and reply that arrived meanwhile is stored (each recipient ends in
 * the state the sandbox's deterministic fate says), and socket events cross processes
 * again (the Socket.IO PostgreSQL adapter reopened its LISTEN).
 *
 * Two Kabar processes (in this test process) share the database: one holds the channels,
 * the other only serves HTTP and sockets, so an event reaches its socket only through the
 * adapter.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { SandboxTransport } from "../src/channels/sandbox/transport.js";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../src/db/embedded.js";
import { DATABASE_RETRY_AFTER_S } from "../src/http/errors.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { apiClient, errorOf, untilConnected, type Api } from "./support/api.js";
import { allRecipients, startCampaign, untilCampaign, sentCount } from "./support/campaigns.js";
import { firstChannel, setPacing } from "./support/channels.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { expectedFate, type ExpectedFate } from "./support/fate.js";
import { holds } from "./support/holds.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { OWNER_EMAIL, OWNER_PASSWORD } from "./support/kabar.js";
import { freePort, startServerProcess } from "./support/server.js";
import { waitFor } from "./support/wait.js";

/** Reads land 0.1–3 s after delivery and replies 0.25–6 s after reading: while sending. */
const ENV = { KABAR_SANDBOX_TIME_SCALE: "0.05", HOST: "127.0.0.1", PORT: "0" };

const running: TestKabar[] = [];
const sockets: Socket[] = [];
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const k of running.splice(0).reverse()) await k.stop().catch(() => undefined);
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

interface Pair {
  /** Holds the channels (sends, receives) and serves HTTP. */
  holder: TestKabar;
  /** Serves HTTP and sockets only. */
  web: TestKabar;
  api: Api;
  channel: { id: string; phone: string };
  /** Events received by a socket of the owner on `web`. */
  events: Array<{ name: string; payload: Record<string, unknown> }>;
}

/**
 * The Kabars' log, silent but for a part that does not stop in time: that line goes to the
 * test's output, naming the part (a stop that once hung here after the connections were
 * terminated; the stop now goes on without it).
 */
const stopLog = () =>
  pino(
    { level: "error" },
    { write: (line: string) => void (line.includes("did not stop in time") && process.stderr.write(line)) },
  );

async function startPair(url: string): Promise<Pair> {
  const holder = await startTestKabar(ENV, { listen: true, log: stopLog() }, url);
  running.push(holder);
  const web = await startTestKabar(ENV, { listen: true, channels: false, log: stopLog() }, url);
  running.push(web);
  const api = apiClient(holder.http!, { cookie: holder.cookie });
  const channel = await firstChannel(api);
  await untilConnected(api, channel.id);
  // One message at a time, 100–200 ms apart: the campaign is still sending when the database goes.
  await setPacing(api, channel.id, "off", { concurrency: 1, minDelayMs: 100, maxDelayMs: 200 });
  const port = (web.http!.server.address() as AddressInfo).port;
  const socket = connect(`http://127.0.0.1:${port}`, {
    transports: ["websocket"],
    extraHeaders: { cookie: web.cookie },
    forceNew: true,
  });
  sockets.push(socket);
  const events: Pair["events"] = [];
  socket.onAny((name: string, payload: Record<string, unknown>) => events.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return { holder, web, api, channel: { id: channel.id, phone: channel.phone! }, events };
}

async function startDemoCampaign(p: Pair, name: string): Promise<string> {
  const c = await startCampaign(p.api, {
    name,
    channelId: p.channel.id,
    body: `Halo {{name|kak}}, ${name}!`,
    audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
  });
  return c.id;
}

/** Recipients the network accepted so far (read straight from the database). */
async function sentSoFar(db: pg.Client, campaignId: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 AND status IN ('sent', 'delivered', 'read')`,
    [campaignId],
  );
  return r.rows[0]!.n;
}

/**
 * The campaign completes; every recipient that was sent to got exactly one delivery at the
 * sandbox and has one message row; then each reaches the final state its fate says, with
 * its replies stored exactly once.
 */
async function expectExactlyOnceAndSettled(
  db: pg.Client,
  p: Pair,
  campaignId: string,
  marker: string,
): Promise<void> {
  const done = await untilCampaign(p.api, campaignId, (c) => c.status === "completed", 60_000);
  expect(done.counts.pending + done.counts.sending + done.counts.failed).toBe(0);
  const sent = sentCount(done);
  expect(sent).toBeGreaterThan(20);
  const deliveries = await db.query<{ n: number; phones: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT phone)::int AS phones FROM sandbox_messages WHERE channel_id = $1 AND direction = 'in' AND text LIKE $2`,
    [p.channel.id, `%${marker}!`],
  );
  expect(deliveries.rows[0]).toEqual({ n: sent, phones: sent });
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM messages WHERE campaign_id = $1 AND direction = 'out'`,
    [campaignId],
  );
  expect(rows.rows[0]!.n).toBe(sent);

  const recipients = await allRecipients(p.api, campaignId);
  const expected = new Map<number, ExpectedFate>(
    recipients
      .filter((r) => r.status !== "skipped")
      .map((r) => [r.id, expectedFate(p.holder.sandbox.seed, p.holder.sandbox.phone(r.phone), r.messageId)]),
  );
  expect(expected.size).toBe(sent);
  const repliesOf = async () => {
    const r = await db.query<{ contact_id: string; n: number }>(
      `SELECT contact_id, count(*)::int AS n FROM messages WHERE channel_id = $1 AND direction = 'in' AND external_id NOT LIKE 'outage-%' GROUP BY contact_id`,
      [p.channel.id],
    );
    return new Map(r.rows.map((x) => [x.contact_id, x.n]));
  };
  let mismatches: unknown[] = [];
  await waitFor(async () => {
    // Replies before recipients: a reply and its mark on the recipient commit together.
    const replies = await repliesOf();
    const now = await allRecipients(p.api, campaignId);
    mismatches = now
      .filter((r) => expected.has(r.id))
      .map((r) => ({
        phone: r.phone,
        status: r.status,
        replies: replies.get(r.contactId) ?? 0,
        want: expected.get(r.id),
      }))
      .filter((x) => x.status !== x.want!.status || x.replies !== x.want!.replies);
    return mismatches.length === 0 ? true : undefined;
  }, 45_000).catch(() => undefined);
  expect(mismatches).toEqual([]);
}

/**
 * Socket events cross processes again: a progress event announced on the holder's bus
 * reaches the socket on the web process (announced again until it does: the adapter
 * reopens its LISTEN 1–3 s after losing it).
 */
async function expectRealtimeAcrossProcesses(p: Pair, campaignId: string): Promise<void> {
  const from = p.events.length;
  await waitFor(async () => {
    if (
      p.events
        .slice(from)
        .some(
          (e) =>
            e.name === "campaign.progress" &&
            (e.payload.campaign as { id?: string } | undefined)?.id === campaignId,
        )
    )
      return true;
    p.holder.bus.emit("campaign.progress", { tenantId: p.holder.owner.tenantId, campaignId });
    return undefined;
  }, 15_000);
}

/** Terminates every other connection to the database; resolves with how many. */
async function terminateAll(db: pg.Client): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) t`,
  );
  return r.rows[0]!.n;
}

/** Pids of the server's long-lived LISTEN connections: the Socket.IO adapter's, and the channel presence. */
async function listeners(db: pg.Client): Promise<{ adapter: number[]; presence: number[] }> {
  const r = await db.query<{ pid: number; application_name: string; query: string }>(
    `SELECT pid, application_name, query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return {
    adapter: r.rows.filter((x) => x.query.startsWith('LISTEN "socket.io')).map((x) => x.pid),
    presence: r.rows.filter((x) => x.application_name.startsWith("kabar-channels:")).map((x) => x.pid),
  };
}

describe("an idle Kabar server process", () => {
  it("stays up when its database connections are terminated, and reopens its LISTEN connections", async () => {
    const url = await createTestDatabase();
    cleanups.push(() => dropTestDatabase(url));
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    cleanups.push(() => db.end());
    const server = await startServerProcess({
      DATABASE_URL: url,
      KABAR_SECRET_KEY: "d".repeat(64),
      KABAR_OWNER_EMAIL: OWNER_EMAIL,
      KABAR_OWNER_PASSWORD: OWNER_PASSWORD,
      LOG_LEVEL: "silent",
    });
    cleanups.push(async () => {
      server.child.kill("SIGKILL");
      await server.exited;
    });
    let exit: number | string | null = null;
    void server.exited.then((code) => (exit = code));
    const alive = () => {
      if (exit !== null) throw new Error(`the Kabar process exited (${exit})`);
    };
    const before = await waitFor(async () => {
      const l = await listeners(db);
      return l.adapter.length > 0 && l.presence.length > 0 ? l : undefined;
    });

    expect(await terminateAll(db)).toBeGreaterThan(2);
    // Both LISTEN connections come back on new connections, and the process is still there.
    await waitFor(async () => {
      alive();
      const l = await listeners(db);
      return l.adapter.some((pid) => !before.adapter.includes(pid)) &&
        l.presence.some((pid) => !before.presence.includes(pid))
        ? true
        : undefined;
    });
    alive();
    const signIn = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: OWNER_EMAIL, password: OWNER_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    alive();
  }, 120_000);
});

describe("PostgreSQL going away mid-campaign", () => {
  it("a terminated connection: the process stays up, the campaign completes exactly once, no receipt or reply lost, sockets keep working", async () => {
    const url = await createTestDatabase();
    cleanups.push(() => dropTestDatabase(url));
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    cleanups.push(() => db.end());
    const p = await startPair(url);
    const campaignId = await startDemoCampaign(p, "promo putus");

    await waitFor(async () => ((await sentSoFar(db, campaignId)) >= 8 ? true : undefined), 30_000);
    expect(await terminateAll(db)).toBeGreaterThan(5);
    await waitFor(async () => ((await sentSoFar(db, campaignId)) >= 20 ? true : undefined), 30_000);
    expect(await terminateAll(db)).toBeGreaterThan(5);

    // Both processes answer as before.
    await waitFor(async () =>
      (await p.api("GET", `/campaigns/${campaignId}`)).status === 200 ? true : undefined,
    );
    await expectExactlyOnceAndSettled(db, p, campaignId, "promo putus");
    await expectRealtimeAcrossProcesses(p, campaignId);
  }, 120_000);

  it("a database restart: 503 meanwhile, then the process carries on by itself and stores what arrived during the outage", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kabar-outage-pg-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const quiet = pino({ level: "silent" });
    let server: EmbeddedDatabase | null = await startEmbeddedPostgres(join(dir, "pg"), port, quiet);
    cleanups.push(async () => server?.stop());
    const url = server.url;
    const p = await startPair(url);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    db.on("error", () => {}); // this connection dies with the server; a new one is opened after
    const campaignId = await startDemoCampaign(p, "promo restart");
    await waitFor(async () => ((await sentSoFar(db, campaignId)) >= 10 ? true : undefined), 30_000);
    const customer = (await allRecipients(p.api, campaignId))[0]!.phone;
    await db.end();

    const stopped = server;
    server = null;
    await stopped.stop("fast"); // a restart: sessions end at once
    // The API answers 503 with a clear message, in both languages, not 500.
    const down = await p.api("GET", `/campaigns/${campaignId}`);
    expect(down.status).toBe(503);
    expect(errorOf(down).code).toBe("database_unavailable");
    const en = await p.holder.http!.inject({
      method: "GET",
      url: `/api/v1/campaigns/${campaignId}`,
      headers: { cookie: p.holder.cookie, "accept-language": "en" },
    });
    expect(en.statusCode).toBe(503);
    expect(en.json()).toEqual({
      error: {
        code: "database_unavailable",
        message: expect.stringMatching(/database is temporarily unavailable/),
      },
    });
    expect(en.headers["retry-after"]).toBe(String(DATABASE_RETRY_AFTER_S));
    // A Cloud API webhook gets 503 too, so Meta delivers it again later.
    const hook = await p.holder.http!.inject({
      method: "POST",
      url: `/webhooks/cloud-api/${p.channel.id}`,
      headers: { "content-type": "application/json" },
      payload: "{}",
    });
    expect(hook.statusCode).toBe(503);
    // A customer writes while the database is away.
    const transport = p.holder.manager!.transport(p.channel.id) as SandboxTransport;
    transport.receive({
      messageId: "outage-1",
      from: customer,
      profileName: "Pelanggan",
      text: "Kak, masih ada stok?",
      at: Date.now(),
    });
    await waitFor(async () =>
      (await p.api("GET", `/campaigns/${campaignId}`)).status === 503 ? true : undefined,
    );

    server = await startEmbeddedPostgres(join(dir, "pg"), port, quiet);
    const again = new pg.Client({ connectionString: url });
    await again.connect();
    cleanups.push(() => again.end());
    await expectExactlyOnceAndSettled(again, p, campaignId, "promo restart");
    // The message that came during the outage is stored, once.
    const outage = await waitFor(async () => {
      const r = await again.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND external_id = 'outage-1'`,
        [p.channel.id],
      );
      return r.rows[0]!.n > 0 ? r.rows[0]!.n : undefined;
    });
    expect(outage).toBe(1);
    await holds(
      "the outage message is stored once",
      async () => {
        const r = await again.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND external_id = 'outage-1'`,
          [p.channel.id],
        );
        return r.rows[0]!.n === 1;
      },
      500,
    );
    await expectRealtimeAcrossProcesses(p, campaignId);
  }, 120_000);
});

/**
 * Two Kabar server processes on one database (default lease timings: TTL 15 s, heartbeat
 * 5 s). Each holds one of the two sandbox channels. Process A is killed with SIGKILL in the
 * middle of a campaign on its channel: process B must take the channel's lease over
 * within 30 s — on the same host without waiting for A's lease to run out, since A's pid
 * is gone and its presence connection with it — and finish the campaign with every
 * customer receiving the message exactly once. (That a live holder's lease is never
 * taken is tested in leases.test.ts and leases-manager.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { ChannelHealthDto } from "../src/modules/health/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { openTestDatabase, type TestDatabase } from "./support/db.js";
import { OWNER_EMAIL, OWNER_PASSWORD } from "./support/kabar.js";
import { startServerProcess, type ServerProcess } from "./support/server.js";
import { waitFor } from "./support/wait.js";

/**
 * How long the test waits for the takeover at most (the bound on how long a dead
 * process's channels stay down); what it asserts is the order: B acquires the lease
 * before A's would have run out (TTL 15 s).
 */
const TAKEOVER_LIMIT_MS = 30_000;

let testDb: TestDatabase;
let url: string;
let db: pg.Client;
const servers: ServerProcess[] = [];

/** A signed-in HTTP client of one server process. */
interface Client {
  server: ServerProcess;
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

async function startServer(): Promise<Client> {
  const server = await startServerProcess({
    DATABASE_URL: url,
    KABAR_SECRET_KEY: "d".repeat(64),
    KABAR_OWNER_EMAIL: OWNER_EMAIL,
    KABAR_OWNER_PASSWORD: OWNER_PASSWORD,
    KABAR_SANDBOX_TIME_SCALE: "0.001",
  });
  servers.push(server);
  const base = `http://127.0.0.1:${server.port}/api/v1`;
  const signIn = await fetch(`${base}/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: OWNER_EMAIL, password: OWNER_PASSWORD }),
  });
  const cookie = String(signIn.headers.get("set-cookie")).split(";")[0]!;
  return {
    server,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await fetch(`${base}${path}`, {
        method,
        // As a browser page of Kabar: its origin with every request (the forged-request guard checks it).
        headers: {
          cookie,
          origin: `http://127.0.0.1:${server.port}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

interface LeaseRow {
  holder: string;
  pid: number;
  expires_at: Date;
  acquired_at: Date;
}

/** Every unexpired lease, by channel id; `pid` is the holder's process id (hostname:pid:random). */
async function leases(): Promise<Map<string, LeaseRow>> {
  const r = await db.query<Omit<LeaseRow, "pid"> & { channel_id: string }>(
    "SELECT channel_id, holder, expires_at, acquired_at FROM channel_leases WHERE expires_at > now()",
  );
  return new Map(r.rows.map((x) => [x.channel_id, { ...x, pid: Number(x.holder.split(":")[1]) }]));
}

async function recipientCounts(campaignId: string): Promise<Record<string, number>> {
  const r = await db.query<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 GROUP BY status",
    [campaignId],
  );
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}

const sentOf = (c: Record<string, number>) => (c.sent ?? 0) + (c.delivered ?? 0) + (c.read ?? 0);

beforeAll(async () => {
  testDb = await openTestDatabase();
  ({ url, client: db } = testDb);
}, 120_000);

afterAll(async () => {
  for (const s of servers) s.child.kill("SIGKILL");
  await Promise.all(servers.map((s) => s.exited));
  await testDb?.close();
});

describe("two processes share the channels and survive kill -9 of one", () => {
  it("spreads the channels, takes a dead process’s channel over before its lease runs out, and sends every message exactly once", async () => {
    // Process A seeds the demo shop and holds its sandbox channel.
    const a = await startServer();
    const [demo] = await a.call<ChannelDto[]>("GET", "/channels");
    await waitFor(async () =>
      (await a.call<ChannelDto>("GET", `/channels/${demo!.id}`)).status === "connected" ? true : undefined,
    );
    expect((await leases()).get(demo!.id)?.pid).toBe(a.server.child.pid);

    // Process B adds a second channel, which it connects and holds itself: one each.
    const b = await startServer();
    const second = await b.call<ChannelDto>("POST", "/channels", { name: "Kanal kedua", kind: "sandbox" });
    // Scanned once its QR shows; the five QR codes of an attempt last 100 ms at this time
    // scale, so when they ran out first (`qr_timeout`), it connects again (as a user would).
    await waitFor(async () => {
      const { status, lastError } = await b.call<ChannelDto>("GET", `/channels/${second.id}`);
      if (status === "disconnected" && lastError === "qr_timeout")
        await b.call("POST", `/channels/${second.id}/connect`);
      if (status !== "qr") return undefined;
      return (
        (await b.call<{ scanned: boolean }>("POST", `/sandbox/channels/${second.id}/scan`)).scanned ||
        undefined
      );
    });
    await waitFor(async () =>
      (await b.call<ChannelDto>("GET", `/channels/${second.id}`)).status === "connected" ? true : undefined,
    );
    const spread = await leases();
    expect(spread.size).toBe(2);
    expect(new Set([...spread.values()].map((l) => l.pid))).toEqual(
      new Set([a.server.child.pid, b.server.child.pid]),
    );
    const channelOfA = [...spread].find(([, l]) => l.pid === a.server.child.pid)![0];

    // A campaign on A's channel, steered through B (pacing and start are forwarded to A):
    // one message at a time, 150–250 ms apart, no caps.
    await b.call("PATCH", `/channels/${channelOfA}`, {
      pacing: { ...PACING_PRESETS.off, concurrency: 1, minDelayMs: 150, maxDelayMs: 250 },
    });
    const draft = await b.call<CampaignDto>("POST", "/campaigns", {
      name: "Pindah proses",
      channelId: channelOfA,
      body: "Halo {{name}}, promo pindah proses!",
      audience: { type: "labels", labels: [DEMO_LABEL] },
    });
    const campaign = await b.call<CampaignDto>("POST", `/campaigns/${draft.id}/start`);
    expect(campaign.status).toBe("running");

    // Kill A mid-campaign.
    await waitFor(async () => (sentOf(await recipientCounts(campaign.id)) >= 5 ? true : undefined), 60_000);
    const leaseOfA = (await leases()).get(channelOfA)!;
    expect(leaseOfA.pid).toBe(a.server.child.pid);
    a.server.child.kill("SIGKILL");
    await a.server.exited;
    const atKill = await recipientCounts(campaign.id);
    expect((atKill.pending ?? 0) + (atKill.sending ?? 0)).toBeGreaterThan(0);
    // A paced by the policy set through B (150–250 ms), not the demo preset's 500–1,500 ms:
    // the gaps the sandbox recorded are mostly shorter than the demo preset ever allows.
    const gaps = await db.query<{ gap: number }>(
      `SELECT (at - lag(at) OVER (ORDER BY at))::int AS gap FROM sandbox_messages WHERE channel_id = $1 AND direction = 'in'`,
      [channelOfA],
    );
    const sorted = gaps.rows
      .map((r) => r.gap)
      .filter((g) => g !== null)
      .sort((x, y) => x - y);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(PACING_PRESETS.demo.minDelayMs);

    // B takes the lease over: A was a process of this host and is gone, so B does not wait
    // for A's lease to run out — it acquires the channel before A's lease would have expired.
    const taken = await waitFor(async () => {
      const l = (await leases()).get(channelOfA);
      return l && l.pid === b.server.child.pid ? l : undefined;
    }, TAKEOVER_LIMIT_MS);
    expect(taken.acquired_at.getTime()).toBeLessThan(leaseOfA.expires_at.getTime());
    const health = await b.call<ChannelHealthDto>("GET", `/channels/${channelOfA}/health`);
    expect(health.leaseHolder).toBe(taken.holder);

    // B finishes the campaign: nobody left pending, sending or failed, and exactly one
    // delivery at the sandbox per customer sent to.
    await waitFor(
      async () =>
        (await b.call<CampaignDto>("GET", `/campaigns/${campaign.id}`)).status === "completed"
          ? true
          : undefined,
      60_000,
    );
    const final = await recipientCounts(campaign.id);
    expect((final.pending ?? 0) + (final.sending ?? 0) + (final.failed ?? 0) + (final.unknown ?? 0)).toBe(0);
    // Everything the channel ever sent (only this campaign sends on it).
    const delivered = await db.query<{ n: number; phones: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT phone)::int AS phones FROM sandbox_messages WHERE channel_id = $1 AND direction = 'in'`,
      [channelOfA],
    );
    expect(sentOf(final)).toBeGreaterThan(5);
    expect(delivered.rows[0]).toEqual({ n: sentOf(final), phones: sentOf(final) });
    const outbound = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE campaign_id = $1",
      [campaign.id],
    );
    expect(outbound.rows[0]!.n).toBe(sentOf(final));
    expect(sentOf(final) + (final.skipped ?? 0)).toBe(campaign.counts.total);

    // B holds both channels now, each exactly once.
    const after = await leases();
    expect([...after.values()].map((l) => l.pid)).toEqual([b.server.child.pid, b.server.child.pid]);
  });
});

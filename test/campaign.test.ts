import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { SAME_ORIGIN } from "./support/api.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";
import type { CampaignCounts } from "../src/modules/campaigns/schemas.js";
import { DEMO_CUSTOMERS, DEMO_LABEL } from "../src/modules/tenants/seed.js";

let k: TestKabar;
let channelId: string;

async function api<T = unknown>(
  method: string,
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: T }> {
  // Unsafe requests signed in by cookie come from Kabar's own origin, as the web app's do.
  const headers = method === "GET" ? { cookie: k.cookie } : { cookie: k.cookie, origin: SAME_ORIGIN };
  const r = await k.http!.inject({
    method: method as "GET",
    url: `/api/v1${url}`,
    payload: payload as object,
    headers,
  });
  return { status: r.statusCode, body: (r.body ? r.json() : null) as T };
}

interface Campaign {
  id: string;
  status: string;
  statusReason: string | null;
  counts: CampaignCounts;
}

async function untilStatus(id: string, statuses: string[]): Promise<Campaign> {
  return waitFor(async () => {
    const c = (await api<Campaign>("GET", `/campaigns/${id}`)).body;
    return statuses.includes(c.status) ? c : undefined;
  }, 30_000);
}

beforeAll(async () => {
  k = await startTestKabar();
  channelId = (await api<Array<{ id: string }>>("GET", "/channels")).body[0]!.id;
  await api("PATCH", `/channels/${channelId}`, { pacingPreset: "off" });
  await waitFor(async () =>
    (await api<{ status: string }>("GET", `/channels/${channelId}`)).body.status === "connected"
      ? true
      : undefined,
  );
});
afterAll(async () => k?.close());

describe("a campaign to the demo customers on the sandbox", () => {
  it("sends to every customer once, records receipts and replies, and completes", async () => {
    const created = await api<Campaign>("POST", "/campaigns", {
      name: "Promo Lebaran",
      channelId,
      body: "{Halo|Hai} {{name|kak}}, diskon 20% hari ini!",
      audience: { type: "labels", labels: [DEMO_LABEL] },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("draft");
    const started = await api<Campaign>("POST", `/campaigns/${created.body.id}/start`);
    expect(started.body.status).toBe("running");
    expect(started.body.counts.total).toBe(DEMO_CUSTOMERS);
    const done = await untilStatus(created.body.id, ["completed"]);
    const c = done.counts;
    expect(c.pending + c.sending).toBe(0);
    // Some virtual customers are not on WhatsApp: skipped with that reason, never failed.
    expect(c.skipped).toBeGreaterThan(0);
    expect(c.sent + c.delivered + c.read + c.skipped).toBe(DEMO_CUSTOMERS);
    const recipients = (
      await api<Array<{ status: string; failureCode: string | null; text: string; name: string }>>(
        "GET",
        `/campaigns/${created.body.id}/recipients?pageSize=100`,
      )
    ).body;
    for (const r of recipients.filter((x) => x.status === "skipped"))
      expect(r.failureCode).toBe("not_on_whatsapp");
    expect(recipients[0]!.text).toMatch(/^(Halo|Hai) .+, diskon 20% hari ini!$/);
    // Each customer got exactly one message at the sandbox.
    const delivered = await k.database.db.execute<{ n: number; distinct_phones: number }>(
      sql`SELECT count(*)::int AS n, count(DISTINCT phone)::int AS distinct_phones FROM sandbox_messages WHERE channel_id = ${channelId} AND direction = 'in'`,
    );
    expect(delivered.rows[0]!.n).toBe(DEMO_CUSTOMERS - c.skipped);
    expect(delivered.rows[0]!.distinct_phones).toBe(DEMO_CUSTOMERS - c.skipped);
    // Receipts arrive (time scale 0.001): most are read eventually, replies land in conversations.
    const later = await waitFor(async () => {
      const x = (await api<Campaign>("GET", `/campaigns/${created.body.id}`)).body;
      return x.counts.read > 0 && x.counts.replied > 0 ? x : undefined;
    }, 30_000);
    expect(later.counts.read + later.counts.delivered).toBeGreaterThan(0);
    const conversations = (await api<Array<{ id: string; unreadCount: number }>>("GET", "/conversations"))
      .body;
    expect(conversations.length).toBeGreaterThanOrEqual(later.counts.replied);
    const thread = (
      await api<Array<{ direction: string }>>("GET", `/conversations/${conversations[0]!.id}/messages`)
    ).body;
    expect(thread.map((m) => m.direction)).toContain("in");
    expect(thread.map((m) => m.direction)).toContain("out");
  });

  it("skips opted-out contacts and opts out a customer who answers STOP", async () => {
    const contacts = (
      await api<{ items: Array<{ id: string; phone: string }> }>(
        "GET",
        `/contacts?label=${DEMO_LABEL}&pageSize=5`,
      )
    ).body.items;
    await api("PATCH", `/contacts/${contacts[0]!.id}`, { optedOut: true });
    // A customer writes STOP first.
    const phones = (await api<Array<{ phone: string; onWhatsApp: boolean }>>("GET", "/sandbox/phones")).body;
    const stopper = phones.find((p) => p.onWhatsApp && p.phone !== contacts[0]!.phone)!;
    await api("POST", `/sandbox/phones/${encodeURIComponent(stopper.phone)}/messages`, {
      channelId,
      text: "berhenti",
    });
    await waitFor(async () => {
      const r = (await api<{ items: Array<{ phone: string }> }>("GET", "/contacts?optedOut=true")).body.items;
      return r.some((x) => x.phone === stopper.phone) ? true : undefined;
    });
    const created = await api<Campaign>("POST", "/campaigns", {
      name: "Kedua",
      channelId,
      body: "Halo lagi",
      audience: { type: "all" },
    });
    const started = await api<Campaign>("POST", `/campaigns/${created.body.id}/start`);
    const done = await untilStatus(started.body.id, ["completed"]);
    const skipped = (
      await api<Array<{ phone: string; failureCode: string }>>(
        "GET",
        `/campaigns/${done.id}/recipients?status=skipped&pageSize=500`,
      )
    ).body;
    const optedOut = skipped.filter((r) => r.failureCode === "opted_out").map((r) => r.phone);
    expect(optedOut).toEqual(expect.arrayContaining([contacts[0]!.phone, stopper.phone]));
  });

  it("pauses on a ban and resumes after it is lifted, sending nothing twice", async () => {
    await api("PATCH", `/channels/${channelId}`, { pacingPreset: "demo" });
    const created = await api<Campaign>("POST", "/campaigns", {
      name: "Ban",
      channelId,
      body: "Tes",
      audience: { type: "labels", labels: [DEMO_LABEL] },
    });
    await api("POST", `/campaigns/${created.body.id}/start`);
    await api("POST", `/sandbox/channels/${channelId}/faults`, { type: "ban" });
    const paused = await untilStatus(created.body.id, ["paused"]);
    expect(paused.statusReason).toBe("channel_blocked");
    expect((await api<{ status: string }>("GET", `/channels/${channelId}`)).body.status).toBe("blocked");
    await api("POST", `/sandbox/channels/${channelId}/faults`, { type: "clear" });
    await api("PATCH", `/channels/${channelId}`, { pacingPreset: "off" });
    await waitFor(async () =>
      (await api<{ status: string }>("GET", `/channels/${channelId}`)).body.status === "connected"
        ? true
        : undefined,
    );
    expect((await api("POST", `/campaigns/${created.body.id}/resume`)).status).toBe(200);
    const done = await untilStatus(created.body.id, ["completed"]);
    expect(done.counts.pending + done.counts.sending + done.counts.failed).toBe(0);
    const dupes = await k.database.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM (SELECT phone FROM sandbox_messages WHERE text = 'Tes' GROUP BY phone HAVING count(*) > 1) d`);
    expect(dupes.rows[0]!.n).toBe(0);
  });

  it("retries rate-limited sends with backoff and can retry failed recipients on demand", async () => {
    await api("POST", `/sandbox/channels/${channelId}/faults`, { type: "rate_limit", count: 10 });
    const created = await api<Campaign>("POST", "/campaigns", {
      name: "Retry",
      channelId,
      body: "Coba lagi",
      audience: { type: "labels", labels: [DEMO_LABEL] },
    });
    await api("POST", `/campaigns/${created.body.id}/start`);
    const done = await untilStatus(created.body.id, ["completed"]);
    expect(done.counts.failed).toBe(0);
    const retried = await k.database.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${created.body.id} AND attempts > 1`);
    expect(retried.rows[0]!.n).toBe(10);
    // On demand: nothing failed, so nothing is re-queued.
    expect(
      (await api<{ requeued: number }>("POST", `/campaigns/${created.body.id}/retry-failed`)).body.requeued,
    ).toBe(0);
  });

  it("pauses, resumes and cancels; a cancelled campaign reports the unsent as skipped(cancelled)", async () => {
    await api("PATCH", `/channels/${channelId}`, { pacingPreset: "demo" });
    const created = await api<Campaign>("POST", "/campaigns", {
      name: "Batal",
      channelId,
      body: "Batal",
      audience: { type: "labels", labels: [DEMO_LABEL] },
    });
    await api("POST", `/campaigns/${created.body.id}/start`);
    expect((await api<Campaign>("POST", `/campaigns/${created.body.id}/pause`)).body.status).toBe("paused");
    expect((await api("POST", `/campaigns/${created.body.id}/pause`)).status).toBe(409);
    expect((await api<Campaign>("POST", `/campaigns/${created.body.id}/resume`)).body.status).toBe("running");
    const cancelled = (await api<Campaign>("POST", `/campaigns/${created.body.id}/cancel`)).body;
    expect(cancelled.status).toBe("cancelled");
    // A send in flight when it was cancelled settles first; then nothing of it waits to go.
    const after = await waitFor(async () => {
      const c = (await api<Campaign>("GET", `/campaigns/${created.body.id}`)).body;
      return c.counts.sending === 0 ? c : undefined;
    });
    expect(after.counts.pending).toBe(0);
    expect(after.counts.skipped).toBeGreaterThan(DEMO_CUSTOMERS / 2);
    await api("PATCH", `/channels/${channelId}`, { pacingPreset: "off" });
  });

  it("schedules a campaign in the shop time zone and starts it from the job queue", async () => {
    const created = await api<Campaign>("POST", "/campaigns", {
      name: "Jadwal",
      channelId,
      body: "Terjadwal",
      audience: { type: "labels", labels: [DEMO_LABEL] },
    });
    const at = new Date(Date.now() + 2000);
    const local = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Asia/Jakarta",
      dateStyle: "short",
      timeStyle: "medium",
    })
      .format(at)
      .replace(" ", "T");
    const scheduled = await api<Campaign & { scheduledAt: string }>(
      "POST",
      `/campaigns/${created.body.id}/schedule`,
      { at: local },
    );
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.status).toBe("scheduled");
    // The shop's wall-clock time (WIB, to the second) read back as the instant it names.
    expect(Date.parse(scheduled.body.scheduledAt)).toBe(Math.floor(at.getTime() / 1000) * 1000);
    const done = await untilStatus(created.body.id, ["completed"]);
    expect(done.counts.total).toBe(DEMO_CUSTOMERS);
  });

  it("single mode meters nothing: no subscription, no message units, after all these campaigns", async () => {
    const r = await k.database.db.execute<{ balances: number; subscriptions: number }>(sql`
      SELECT (SELECT count(*)::int FROM quota_balances) AS balances, (SELECT count(*)::int FROM subscriptions) AS subscriptions`);
    expect(r.rows[0]).toEqual({ balances: 0, subscriptions: 0 });
  });
});

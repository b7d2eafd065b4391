/**
 * End to end with a real crash, over two numbers (issue 15, part 3): a Kabar server process
 * sends a 600-recipient campaign from a pool of two sandbox numbers, is killed with SIGKILL
 * mid-campaign and started again; then one number is banned before the campaign ends. The
 * other number takes its remaining recipients over, and every customer receives the message
 * exactly once, from one number.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import { type CrashServer, crashServer } from "./support/crash-server.js";
import { waitFor } from "./support/wait.js";

const CUSTOMERS = 600;
const TEXT = "Promo dua nomor, stok baru datang!";

let server: CrashServer;
let db: pg.Client;
const http = <T>(method: string, path: string, body?: unknown) => server.http<T>(method, path, body);

async function channelStatus(id: string): Promise<string> {
  return (await http<{ status: string }>("GET", `/channels/${id}`)).status;
}

/** Per status, the campaign's recipients (from the database, not the server). */
async function counts(campaignId: string): Promise<Record<string, number>> {
  const r = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 GROUP BY status`,
    [campaignId],
  );
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}
const sentOf = (c: Record<string, number>) => (c.sent ?? 0) + (c.delivered ?? 0) + (c.read ?? 0);

beforeAll(async () => {
  server = await crashServer({ KABAR_SECRET_KEY: "d".repeat(64), KABAR_SANDBOX_SEED: "kabar-pool" });
  db = server.db;
}, 120_000);

afterAll(async () => server?.close());

describe("a campaign over two numbers survives kill -9 and a ban", () => {
  it("sends from both, crashes, resumes, hands the banned number's rest over, and delivers exactly once", async () => {
    const form = new FormData();
    const rows = Array.from({ length: CUSTOMERS }, (_, i) => `Pelanggan ${i},0858${String(30_000_000 + i)}`);
    form.append("file", new Blob([`name,phone\n${rows.join("\n")}\n`]), "pelanggan.csv");
    const imported = await http<{ created: number }>("POST", "/contacts/imports?labels=pool", form);
    expect(imported.created).toBe(CUSTOMERS);

    // A second sandbox number, linked by scanning its QR with the sandbox phone.
    const [main] = await http<Array<{ id: string }>>("GET", "/channels");
    const second = await http<{ id: string }>("POST", "/channels", { name: "Nomor kedua", kind: "sandbox" });
    await waitFor(async () => {
      const s = await channelStatus(second.id);
      if (s === "disconnected") await http("POST", `/channels/${second.id}/connect`);
      if (s === "qr") await http("POST", `/sandbox/channels/${second.id}/scan`);
      return s === "connected" ? true : undefined;
    }, 30_000);
    // No delays, one message at a time on each number, so the crash and the ban land mid-way.
    for (const id of [main!.id, second.id])
      await http("PATCH", `/channels/${id}`, { pacing: { ...PACING_PRESETS.off, concurrency: 1 } });

    const campaign = await http<{ id: string }>("POST", "/campaigns", {
      name: "Dua nomor",
      channelId: main!.id,
      body: TEXT,
      audience: { type: "labels", labels: ["pool"] },
      pool: [
        { channelId: main!.id, weight: 1 },
        { channelId: second.id, weight: 1 },
      ],
    });
    await http("POST", `/campaigns/${campaign.id}/start`);

    // Crash once both numbers have sent some.
    await waitFor(async () => {
      const r = await db.query<{ channel_id: string; n: number }>(
        `SELECT channel_id, count(*)::int AS n FROM campaign_recipients
         WHERE campaign_id = $1 AND status IN ('sent', 'delivered', 'read') GROUP BY channel_id`,
        [campaign.id],
      );
      return r.rows.length === 2 && sentOf(await counts(campaign.id)) >= 100 ? true : undefined;
    }, 60_000);
    await server.kill();
    expect((await counts(campaign.id)).pending ?? 0).toBeGreaterThan(0);

    // Start again; once sending goes on, WhatsApp bans the main number.
    await server.start();
    const atRestart = sentOf(await counts(campaign.id));
    await waitFor(
      async () => (sentOf(await counts(campaign.id)) > atRestart + 20 ? true : undefined),
      60_000,
    );
    await http("POST", `/sandbox/channels/${main!.id}/faults`, { type: "ban" });

    await waitFor(async () => {
      const r = await db.query<{ status: string }>("SELECT status FROM campaigns WHERE id = $1", [
        campaign.id,
      ]);
      return r.rows[0]!.status === "completed" ? true : undefined;
    }, 120_000);
    const final = await counts(campaign.id);
    expect((final.pending ?? 0) + (final.sending ?? 0) + (final.failed ?? 0) + (final.unknown ?? 0)).toBe(0);
    const skipped = final.skipped ?? 0; // numbers the sandbox says are not on WhatsApp
    expect(sentOf(final) + skipped).toBe(CUSTOMERS);

    // Exactly once at the sandbox, whichever number sent it.
    const delivered = await db.query<{ n: number; phones: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT phone)::int AS phones FROM sandbox_messages
       WHERE direction = 'in' AND text = $1`,
      [TEXT],
    );
    expect(delivered.rows[0]).toEqual({ n: sentOf(final), phones: sentOf(final) });
    // The inbox has one copy per recipient, on the number that sent it.
    const copies = await db.query<{ n: number; wrong: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE m.channel_id <> r.channel_id)::int AS wrong
       FROM messages m JOIN campaign_recipients r ON r.campaign_id = m.campaign_id AND r.contact_id = m.contact_id
       WHERE m.campaign_id = $1`,
      [campaign.id],
    );
    expect(copies.rows[0]).toEqual({ n: sentOf(final), wrong: 0 });
    // The second number took the banned one's rest: it sent more than its half.
    const bySecond = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 AND channel_id = $2
       AND status IN ('sent', 'delivered', 'read')`,
      [campaign.id, second.id],
    );
    expect(bySecond.rows[0]!.n).toBeGreaterThan(sentOf(final) / 2);
  });
});

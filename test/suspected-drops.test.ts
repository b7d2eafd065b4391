import { parse } from "csv-parse/sync";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoss } from "../src/jobs/boss.js";
import { JOBS } from "../src/jobs.js";
import { sweepSuspectedDrops } from "../src/modules/campaigns/jobs/suspect-drops.js";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { SENT_AT, sentCampaign as sentCampaignOf, testRecorder } from "./support/drops.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { apiClient, ok, type Api } from "./support/api.js";

/**
 * The delivery ledger (issue 15 §2): a recipient `sent` with no delivery receipt after its
 * channel kind's window becomes `suspected_drop`, counted on the campaign and in its report;
 * a later receipt still settles it. Time moves through the sweep's injected `now`.
 */

let k: TestKabar;
let api: Api;
let channelId: string;
const MIN = 60_000;
/** A fixed past instant the seeded recipients were "sent" at. */
const T0 = SENT_AT;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await k.services.channels.list(k.owner))[0]!.id;
});
afterAll(async () => k?.close());

/**
 * A finished campaign on the sandbox channel whose first `n` demo contacts were handed to
 * the network at `sentAt` and have no receipt yet (status `sent`), as a silent drop leaves them.
 */
const sentCampaign = (n: number, sentAt = T0) => sentCampaignOf(k, channelId, n, { sentAt });

const sweep = (at: number, minutes?: { sandbox: number; whatsapp_web: number; cloud_api: number }) =>
  sweepSuspectedDrops({ db: k.database.db, bus: k.bus }, new Date(at), minutes);

const counts = async (id: string) => (await k.services.campaigns.get(k.owner, id)).counts;

describe("the delivery ledger", () => {
  it("sweeps every minute (a pg-boss schedule of the suspect-drops job)", async () => {
    const url = await createTestDatabase();
    const boss = await startBoss(url, pino({ level: "silent" }), JOBS);
    try {
      const schedules = await boss.getSchedules();
      expect(schedules.find((s) => s.name === "suspect-drops")?.cron).toBe("* * * * *");
    } finally {
      await boss.stop({ graceful: false });
      await dropTestDatabase(url);
    }
    // The test Kabar schedules none: its sweeps run with the tests' own `now`.
    expect(await k.boss.getSchedules()).toEqual([]);
  });

  it("marks a sent recipient a suspected drop once its window passes, not before", async () => {
    const c = await sentCampaign(3);
    await sweep(T0 + 29 * MIN);
    expect((await counts(c.id)).sent).toBe(3);
    expect((await counts(c.id)).suspected_drop).toBe(0);
    const progress: string[] = [];
    const stop = k.bus.on("campaign.progress", (p) => void progress.push(p.campaignId));
    const marked = await sweep(T0 + 31 * MIN);
    stop();
    expect(marked).toContainEqual({ tenantId: k.owner.tenantId, campaignId: c.id, marked: 3 });
    expect(progress).toContain(c.id);
    const after = await counts(c.id);
    expect(after).toMatchObject({ sent: 0, suspected_drop: 3, total: 3 });
    // The campaign list counts them too.
    const list = await ok(api<CampaignDto[]>("GET", "/campaigns"));
    expect(list.find((x) => x.id === c.id)!.counts.suspected_drop).toBe(3);
  });

  it("uses the window of the campaign's channel kind", async () => {
    const c = await sentCampaign(2);
    // The sandbox's window is 60 minutes here; the other kinds' 5 minutes do not apply to it.
    const minutes = { sandbox: 60, whatsapp_web: 5, cloud_api: 5 };
    await sweep(T0 + 45 * MIN, minutes);
    expect((await counts(c.id)).suspected_drop).toBe(0);
    await sweep(T0 + 61 * MIN, minutes);
    expect((await counts(c.id)).suspected_drop).toBe(2);
  });

  it("is settled by a late delivered, read or failed receipt", async () => {
    const c = await sentCampaign(3);
    await sweep(T0 + 31 * MIN);
    expect((await counts(c.id)).suspected_drop).toBe(3);
    const rec = testRecorder(k, channelId);
    const [a, b, f] = c.recipients.map((r) => r.message_id);
    rec.recordReceipt({ messageId: a!, status: "delivered", at: T0 + 40 * MIN });
    rec.recordReceipt({ messageId: b!, status: "read", at: T0 + 41 * MIN });
    rec.recordReceipt({
      messageId: f!,
      status: "failed",
      at: T0 + 42 * MIN,
      error: { code: "131026", reason: "Message undeliverable" },
    });
    await rec.idle();
    expect(await counts(c.id)).toMatchObject({ suspected_drop: 0, delivered: 1, read: 1, failed: 1 });
    const rows = await k.services.campaigns.recipients(k.owner, c.id, { page: 1, pageSize: 10 });
    const delivered = rows.find((r) => r.messageId === a)!;
    expect(delivered.failureCode).toBeNull();
    expect(delivered.deliveredAt).toBe(new Date(T0 + 40 * MIN).toISOString());
    expect(rows.find((r) => r.messageId === f)!.failureCode).toBe("131026");
    // A later sweep leaves settled recipients alone.
    await sweep(T0 + 120 * MIN);
    expect((await counts(c.id)).suspected_drop).toBe(0);
  });

  it("counts on the dashboard, on the day they were sent", async () => {
    const now = T0 + 24 * 60 * MIN;
    const before = (await k.services.stats.overview(k.owner, 7, now)).totals.suspectedDrops;
    await sentCampaign(2);
    await sweep(T0 + 31 * MIN);
    const o = await k.services.stats.overview(k.owner, 7, now);
    expect(o.totals.suspectedDrops).toBe(before + 2);
    // 10:00 WIB on 1 December.
    expect(o.days.find((d) => d.date === "2026-12-01")!.suspectedDrops).toBe(before + 2);
  });

  it("shows in the report file, in the shop's language, with its explanation", async () => {
    const c = await sentCampaign(2);
    await sweep(T0 + 31 * MIN);
    const r = await api("GET", `/campaigns/${c.id}/report?format=csv`);
    expect(r.status).toBe(200);
    const rows = parse(r.text.replace(/^\uFEFF/, ""), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.Status).toBe("Diduga tidak sampai");
      expect(row.Alasan).toBe(
        "Terkirim ke server WhatsApp tetapi tidak sampai ke HP pelanggan setelah 30 menit",
      );
    }
    // The recipients list filters by the new status.
    const page = await ok(api<unknown[]>("GET", `/campaigns/${c.id}/recipients?status=suspected_drop`));
    expect(page).toHaveLength(2);
  });
});

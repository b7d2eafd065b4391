/**
 * Quota metering of campaigns in SaaS mode (issue 14, docs/billing.md "Quota metering"),
 * end to end on the sandbox: ten campaigns on five numbers racing for the last 100 units
 * send exactly 100 and pause "quota_exhausted"; a top-up resumes them; a start with too
 * few units is refused (or accepted partially); a failed send gives its unit back; a
 * suspension stops a running campaign within one dispatch cycle.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import {
  applyPaid,
  listPackages,
  quotaBalance,
  resumeSubscription,
  startTrial,
  suspendSubscription,
  takeUnits,
} from "../src/modules/billing/index.js";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { apiClient, errorOf, ok, untilConnected, type Api } from "./support/api.js";
import { getCampaign, labelReachableCustomers, untilCampaign } from "./support/campaigns.js";
import { connectedSandboxChannel, firstChannel, setPacing } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let db: Db;
let tenantId: string;
let channels: string[];
/** Idle turns of each number's dispatcher (found nothing to send). */
const idleTurns = new Map<string, number>();

beforeAll(async () => {
  k = await startTestKabar(
    { KABAR_MODE: "saas" },
    {
      dispatcher: {
        idleMs: 50,
        retryBaseMs: 20,
        onIdle: (id) => idleTurns.set(id, (idleTurns.get(id) ?? 0) + 1),
      },
    },
  );
  api = apiClient(k.http!, { cookie: k.cookie });
  db = k.database.db;
  tenantId = k.owner.tenantId;
  // The shop on Bisnis (ten numbers), its allowance spent down to exactly 100 units.
  const bisnis = (await listPackages(db)).find((p) => p.code === "bisnis")!;
  await db.transaction(async (tx) => {
    await startTrial(tx, tenantId, new Date());
    await applyPaid(
      tx,
      tenantId,
      { kind: "subscription", packageId: bisnis.id, cycle: "monthly" },
      new Date(),
      "Asia/Jakarta",
    );
    await takeUnits(tx, tenantId, bisnis.messageQuota! - 100);
  });
  const main = (await firstChannel(api)).id;
  await untilConnected(api, main);
  channels = [main];
  for (let i = 2; i <= 5; i++) channels.push((await connectedSandboxChannel(api, `Nomor ${i}`)).id);
  for (const id of channels) await setPacing(api, id, "off");
});
afterAll(() => k?.close());

/** Units left: the period's allowance left plus top-ups. */
async function unitsLeft(): Promise<number> {
  const b = (await quotaBalance(db, tenantId))!;
  return Math.max(0, b.periodUnits! - b.periodUsed) + b.topupLeft;
}

/** Units used so far (allowance and top-ups). */
async function unitsUsed(): Promise<number> {
  const b = (await quotaBalance(db, tenantId))!;
  return b.periodUsed + b.topupUsed;
}

/** Sets the balance to exactly `left` units (the allowance spent down; no top-ups). */
async function setUnitsLeft(left: number): Promise<void> {
  await db.execute(
    sql`UPDATE quota_balances SET period_used = 0, topup_left = 0, topup_used = 0 WHERE tenant_id = ${tenantId}`,
  );
  const b = (await quotaBalance(db, tenantId))!;
  await db.transaction((tx) => takeUnits(tx, tenantId, b.periodUnits! - left));
}

const sentOf = (c: CampaignDto) => c.counts.sent + c.counts.delivered + c.counts.read;

/** Messages the sandbox network received from the shop's numbers with `text` in them. */
async function receivedWith(text: string): Promise<number> {
  const r = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM sandbox_messages WHERE text LIKE ${`%${text}%`}`,
  );
  return r.rows[0]!.n;
}

async function draft(
  name: string,
  channelId: string,
  label: string,
  body = `${name}: promo`,
): Promise<string> {
  const c = await ok(
    api<CampaignDto>("POST", "/campaigns", {
      name,
      channelId,
      body,
      audience: { type: "labels", labels: [label], match: "any" },
    }),
    201,
  );
  return c.id;
}

describe("message units in campaigns (SaaS mode)", () => {
  it("ten campaigns racing for the last 100 units send exactly 100; the rest pause quota_exhausted; a top-up finishes them", async () => {
    await labelReachableCustomers(k, api, "race", 30);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push(await draft(`Balapan ${i}`, channels[i % 5]!, "race", `Balapan-kuota ${i}`));
    expect(await unitsLeft()).toBe(100);
    // All ten start at once (each needs 30 ≤ 100 left, so each start alone is accepted).
    await Promise.all(ids.map((id) => ok(api<CampaignDto>("POST", `/campaigns/${id}/start`))));

    const settled = await waitFor(async () => {
      const all = await Promise.all(ids.map((id) => getCampaign(api, id)));
      return all.every((c) => c.status !== "running" && c.counts.sending === 0) ? all : undefined;
    }, 60_000);
    expect(settled.reduce((n, c) => n + sentOf(c), 0)).toBe(100);
    expect(await receivedWith("Balapan-kuota")).toBe(100);
    expect(await unitsLeft()).toBe(0);
    expect(await unitsUsed()).toBe(50_000);
    const paused = settled.filter((c) => c.status === "paused");
    expect(paused.length).toBeGreaterThanOrEqual(7);
    for (const c of paused) expect(c.statusReason).toBe("quota_exhausted");
    for (const c of settled.filter((x) => x.status !== "paused")) expect(c.status).toBe("completed");

    // A top-up is paid: the payment's transaction adds the units, then billing announces it.
    await db.transaction((tx) =>
      applyPaid(
        tx,
        tenantId,
        { kind: "topup", packageId: null, cycle: null, units: 1000 },
        new Date(),
        "Asia/Jakarta",
      ),
    );
    k.bus.emit("billing.units_added", { tenantId });
    const done = await Promise.all(
      ids.map((id) => untilCampaign(api, id, (c) => c.status === "completed", 60_000)),
    );
    expect(done.reduce((n, c) => n + sentOf(c), 0)).toBe(300);
    expect(await receivedWith("Balapan-kuota")).toBe(300);
    expect(await quotaBalance(db, tenantId)).toMatchObject({ topupUsed: 200, topupLeft: 800 });
  });

  it("refuses a start with fewer units than recipients (402 with needed and left), and starts it partially when asked", async () => {
    await labelReachableCustomers(k, api, "partial", 10);
    await setUnitsLeft(4);
    const id = await draft("Sebagian", channels[0]!, "partial");
    const refused = await api("POST", `/campaigns/${id}/start`, {});
    expect(refused.status).toBe(402);
    expect(errorOf(refused)).toMatchObject({ code: "quota_insufficient", details: { needed: 10, left: 4 } });
    expect((await getCampaign(api, id)).status).toBe("draft");

    await ok(api<CampaignDto>("POST", `/campaigns/${id}/start`, { allowPartial: true }));
    const paused = await untilCampaign(api, id, (c) => c.status === "paused" && c.counts.sending === 0);
    expect(paused.statusReason).toBe("quota_exhausted");
    expect(sentOf(paused)).toBe(4);
    expect(await unitsLeft()).toBe(0);
  });

  it("a send the network refuses gives its unit back", async () => {
    const page = await ok(
      api<{ items: ContactDto[] }>("GET", `/contacts?label=${DEMO_LABEL}&optedOut=false&pageSize=200`),
    );
    const notOnWa = page.items.find((c) => !k.sandbox.phone(c.phone).onWhatsApp);
    expect(notOnWa).toBeDefined();
    await ok(api("POST", "/contacts/bulk-label", { contactIds: [notOnWa!.id], add: ["gagal"] }));
    await setUnitsLeft(5);
    const id = await draft("Gagal", channels[1]!, "gagal");
    await ok(api<CampaignDto>("POST", `/campaigns/${id}/start`));
    const done = await untilCampaign(api, id, (c) => c.status === "failed" || c.status === "completed");
    // Claimed (a unit taken), refused by the network as not on WhatsApp: skipped, unit back.
    expect(done.counts).toMatchObject({ skipped: 1, sent: 0 });
    expect(await unitsLeft()).toBe(5);
  });

  it("a suspension stops a running campaign within one dispatch cycle; resuming the shop lets it finish", async () => {
    await labelReachableCustomers(k, api, "suspend", 30);
    await setUnitsLeft(1000);
    const channel = channels[2]!;
    // One message at a time, so at most one is in flight when the suspension commits.
    await setPacing(api, channel, "off", { concurrency: 1 });
    const id = await draft("Ditangguhkan", channel, "suspend");
    await ok(api<CampaignDto>("POST", `/campaigns/${id}/start`));
    await untilCampaign(api, id, (c) => sentOf(c) >= 3);
    await db.transaction((tx) => suspendSubscription(tx, tenantId, "test"));
    const suspendedAt = new Date();
    // The dispatcher's in-flight send finishes, then it turns idle twice: no claim since.
    const stopped = await untilCampaign(api, id, (c) => c.counts.sending === 0);
    const turns = idleTurns.get(channel) ?? 0;
    await waitFor(async () => ((idleTurns.get(channel) ?? 0) >= turns + 2 ? true : undefined));
    const after = await getCampaign(api, id);
    expect(sentOf(after)).toBe(sentOf(stopped));
    expect(after.counts.pending).toBeGreaterThan(0);
    const late = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${id} AND sent_at > ${suspendedAt.toISOString()}`);
    expect(late.rows[0]!.n).toBeLessThanOrEqual(1);

    // A suspended shop cannot start another campaign.
    const other = await draft("Ditangguhkan lagi", channel, "suspend");
    const refused = await api("POST", `/campaigns/${other}/start`);
    expect(refused.status).toBe(402);
    expect(errorOf(refused).code).toBe("subscription_inactive");

    // Resumed: the campaign (still running, never paused) goes on by itself.
    await db.transaction((tx) => resumeSubscription(tx, tenantId, new Date(), 3));
    const done = await untilCampaign(api, id, (c) => c.status === "completed");
    expect(sentOf(done)).toBe(30);
  });

  it("units used equal messages sent over every campaign of the shop", async () => {
    const r = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id
      WHERE c.tenant_id = ${tenantId} AND r.status IN ('sent', 'delivered', 'read', 'suspected_drop')`);
    // Each test above reset the balance; the last one's 1000 units bought exactly its sends.
    expect(await unitsLeft()).toBe(1000 - 30);
    expect(r.rows[0]!.n).toBe(300 + 4 + 30);
  });
});

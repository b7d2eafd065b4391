/**
 * A campaign's actual Meta cost: the pricing Meta's status webhooks carry (category,
 * billable) is kept on each recipient by the outbox recorder, and GET /campaigns/:id shows
 * what Meta billed, by category, at the rate table's prices (rounded like the estimate).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_META_RATES } from "../src/channels/meta-pricing.js";
import { apiClient, ok, type Api } from "./support/api.js";
import { sentCampaign, testRecorder } from "./support/drops.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;
let channelId: string;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await k.services.channels.list(k.owner))[0]!.id;
});
afterAll(async () => k?.close());

type ActualCost = {
  byCategory: Array<{ category: string; messages: number; rupiah: number | null }>;
  rupiah: number;
};
const shown = async (id: string) =>
  (await ok(api<{ actualCost: ActualCost | null }>("GET", `/campaigns/${id}`))).actualCost;

const marketing = { category: "marketing", billable: true };
const service = { category: "service", billable: false };

describe("a campaign's actual Meta cost", () => {
  it("counts the messages Meta billed by category, priced with the rate table; free ones are kept but not billed", async () => {
    const c = await sentCampaign(k, channelId, 4);
    const rec = testRecorder(k, channelId);
    const [a, b, d, e] = c.recipients.map((r) => r.message_id);
    // Meta sends the pricing on delivered and on read; a read after a delivered keeps it.
    rec.recordReceipt({ messageId: a!, status: "delivered", at: Date.now(), pricing: marketing });
    rec.recordReceipt({ messageId: a!, status: "read", at: Date.now() });
    rec.recordReceipt({ messageId: b!, status: "delivered", at: Date.now(), pricing: marketing });
    await rec.idle();
    // A read that comes first carries it too; a later one of a read recipient adds nothing.
    rec.recordReceipt({ messageId: d!, status: "read", at: Date.now(), pricing: marketing });
    rec.recordReceipt({ messageId: e!, status: "delivered", at: Date.now(), pricing: service });
    await rec.idle();
    rec.recordReceipt({ messageId: d!, status: "read", at: Date.now(), pricing: marketing });
    await rec.idle();

    const rows = (
      await k.database.db.execute<{
        message_id: string;
        status: string;
        pricing_category: string;
        billable: boolean;
      }>(
        sql`SELECT message_id, status, pricing_category, billable FROM campaign_recipients WHERE campaign_id = ${c.id}`,
      )
    ).rows;
    const byId = new Map(rows.map((r) => [r.message_id, r]));
    expect(byId.get(a!)).toMatchObject({ status: "read", pricing_category: "marketing", billable: true });
    expect(byId.get(e!)).toMatchObject({ status: "delivered", pricing_category: "service", billable: false });

    const rate = DEFAULT_META_RATES["62"]!.MARKETING!;
    expect(await shown(c.id)).toEqual({
      byCategory: [{ category: "marketing", messages: 3, rupiah: Math.round(3 * rate) }],
      rupiah: Math.round(3 * rate),
    });
  });

  it("is null while Meta billed nothing (no pricing yet, or only free messages)", async () => {
    const c = await sentCampaign(k, channelId, 2);
    expect(await shown(c.id)).toBeNull();
    const rec = testRecorder(k, channelId);
    rec.recordReceipt({
      messageId: c.recipients[0]!.message_id,
      status: "delivered",
      at: Date.now(),
      pricing: service,
    });
    await rec.idle();
    expect(await shown(c.id)).toBeNull();
  });
});

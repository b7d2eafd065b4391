/**
 * Receipts and replies survive a restart: Kabar A sends a campaign on the sandbox and is
 * stopped before its customers have read or answered; Kabar B, started on the same
 * database, gets the pending receipts and replies when its channel connects (as WhatsApp
 * hands them to a linked device that comes back), and every recipient ends in the state
 * the sandbox's deterministic fate says, with each reply stored exactly once.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxNetwork } from "../src/channels/sandbox/network.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { ok } from "./support/api.js";
import { allRecipients, startCampaign, untilCampaign, type RecipientDto } from "./support/campaigns.js";
import { firstChannel, untilChannelStatus } from "./support/channels.js";
import { openTestDatabase, type TestDatabase } from "./support/db.js";
import { expectedFate, repliesByContact, settled, type ExpectedFate } from "./support/fate.js";
import { holds } from "./support/holds.js";
import { kabarsOnOneDatabase } from "./support/kabars.js";
import { waitFor } from "./support/wait.js";

/** Reads land 0.1–3 s after delivery and replies 0.25–6 s after reading: not at once. */
const ENV = { KABAR_SANDBOX_TIME_SCALE: "0.05" };

let testDb: TestDatabase;
let url: string;
/** A plain connection of the test's own, alive while Kabar A and B come and go. */
let db: pg.Client;
const kabars = kabarsOnOneDatabase(() => url, ENV);
const { start, stop } = kabars;

/** Where a recipient's message ends, as the sandbox decides it. */
function expectedFateOf(sandbox: SandboxNetwork, r: RecipientDto): ExpectedFate {
  return expectedFate(sandbox.seed, sandbox.phone(r.phone), r.messageId);
}

/** Recipient statuses by recipient id (read straight from the database). */
async function statusesOf(campaignId: string): Promise<Map<number, string>> {
  const r = await db.query<{ id: string; status: string }>(
    "SELECT id, status FROM campaign_recipients WHERE campaign_id = $1",
    [campaignId],
  );
  return new Map(r.rows.map((x) => [Number(x.id), x.status]));
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  ({ url, client: db } = testDb);
});
afterAll(async () => {
  await kabars.stopAll();
  await testDb?.close();
});

describe("a restart while receipts are on their way", () => {
  it("still brings every recipient to its final state, each reply stored once", async () => {
    const a = await start();
    const channel = await firstChannel(a.api);
    await ok(a.api("PATCH", `/channels/${channel.id}`, { pacingPreset: "off" }));
    await untilChannelStatus(a.api, channel.id, "connected");
    const campaign = await startCampaign(a.api, {
      name: "Sebelum restart",
      channelId: channel.id,
      body: "Halo {{name|kak}}, ada promo!",
      audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
    });
    await untilCampaign(a.api, campaign.id, (c) => c.counts.pending + c.counts.sending === 0);
    const recipients = await allRecipients(a.api, campaign.id);
    await stop(a.k);

    const expected = new Map(
      recipients.filter((r) => r.status !== "skipped").map((r) => [r.id, expectedFateOf(a.k.sandbox, r)]),
    );
    expect(expected.size).toBeGreaterThan(0);
    expect([...expected.values()].some((f) => f.replies > 0)).toBe(true);
    for (const r of recipients.filter((x) => x.status === "skipped"))
      expect(r.failureCode).toBe("not_on_whatsapp");

    // What Kabar A had recorded when it stopped: not everything yet, or this test proves nothing.
    const stopped = await statusesOf(campaign.id);
    const before = recipients.map((r) => ({ ...r, status: stopped.get(r.id) as RecipientDto["status"] }));
    expect(settled(before, await repliesByContact(db, channel.id), expected)).toBe(false);

    const b = await start();
    // The store hands back exactly what the channel delivered (not the customers' replies).
    const deliveries = await b.k.sandboxStore.listDeliveries(channel.id, 0);
    const sent = recipients.filter((r) => expected.has(r.id));
    expect(deliveries.map((d) => d.messageId).sort()).toEqual(sent.map((r) => r.messageId).sort());
    expect(deliveries.map((d) => d.at)).toEqual(deliveries.map((d) => d.at).sort((x, y) => x - y));
    expect(deliveries[0]).toMatchObject({
      channelId: channel.id,
      from: channel.phone,
      text: expect.stringContaining("ada promo!"),
    });
    expect(await b.k.sandboxStore.listDeliveries(channel.id, Date.now() + 1)).toEqual([]);
    // Kabar B reconnects the channel by itself: a graceful stop is not the owner's disconnect.
    await untilChannelStatus(b.api, channel.id, "connected");
    const after = await waitFor(async () => {
      // Replies first: a reply and its mark on the recipient commit together, so recipients
      // read after the replies include the marks of every reply counted.
      const replied = await repliesByContact(db, channel.id);
      const now = await allRecipients(b.api, campaign.id);
      return settled(now, replied, expected) ? now : undefined;
    }, 60_000);

    const replies = await repliesByContact(db, channel.id);
    await holds(
      "no reply stored twice",
      async () => {
        const now = await repliesByContact(db, channel.id);
        return [...now].every(([contactId, n]) => replies.get(contactId) === n);
      },
      1_000,
    );
    for (const r of after) {
      const fate = expected.get(r.id);
      if (!fate) continue;
      expect({ phone: r.phone, status: r.status, replies: replies.get(r.contactId) ?? 0 }).toEqual({
        phone: r.phone,
        ...fate,
      });
      expect(r.repliedAt !== null).toBe(fate.replies > 0);
    }
  });
});

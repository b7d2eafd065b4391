/**
 * Receipts and replies survive a channel's hand-over back to a process that held it
 * before: Kabar A holds two sandbox channels, Kabar B starts on the same database and
 * takes one (the fair share), sends a campaign on it and stops before its customers have
 * read or answered; A takes the channel back and must get those receipts and replies,
 * every recipient ending in the state the sandbox's deterministic fate says, each reply
 * stored once (README: "receipts that arrive while Kabar is down are delivered when the
 * number reconnects").
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { ok } from "./support/api.js";
import { allRecipients, startCampaign, untilCampaign, type RecipientDto } from "./support/campaigns.js";
import { untilChannelStatus } from "./support/channels.js";
import { openTestDatabase, type TestDatabase } from "./support/db.js";
import { expectedFate, repliesByContact, settled } from "./support/fate.js";
import { holds } from "./support/holds.js";
import { kabarsOnOneDatabase } from "./support/kabars.js";
import { waitFor } from "./support/wait.js";

/** Reads land 0.1–3 s after delivery and replies 0.25–6 s after reading; short leases. */
const ENV = {
  KABAR_SANDBOX_TIME_SCALE: "0.05",
  KABAR_LEASE_TTL_MS: "3000",
  KABAR_LEASE_HEARTBEAT_MS: "1000",
};

let testDb: TestDatabase;
let url: string;
let db: pg.Client;
const kabars = kabarsOnOneDatabase(() => url, ENV);
const { start, stop } = kabars;

beforeAll(async () => {
  testDb = await openTestDatabase();
  ({ url, client: db } = testDb);
});
afterAll(async () => {
  await kabars.stopAll();
  await testDb?.close();
});

describe("a channel handed back to a process that held it before", () => {
  it("gets the receipts and replies of the messages the other process sent meanwhile", async () => {
    const a = await start();
    const second = await ok(
      a.api<ChannelDto>("POST", "/channels", { name: "Kanal kedua", kind: "sandbox" }),
      201,
    );
    expect(await ok(a.api("POST", `/sandbox/channels/${second.id}/scan`))).toEqual({ scanned: true });
    await untilChannelStatus(a.api, second.id, "connected");
    const ids = (await ok(a.api<ChannelDto[]>("GET", "/channels"))).map((c) => c.id);
    expect(ids.every((id) => a.k.manager!.holds(id))).toBe(true);

    // B takes its fair share: one of the channels A held.
    const b = await start();
    const channelId = await waitFor(async () =>
      ids.find((id) => b.k.manager!.holds(id) && !a.k.manager!.holds(id)),
    );
    await untilChannelStatus(b.api, channelId, "connected");
    await ok(b.api("PATCH", `/channels/${channelId}`, { pacingPreset: "off" }));
    const campaign = await startCampaign(b.api, {
      name: "Sebelum serah balik",
      channelId,
      body: "Halo {{name|kak}}, ada promo!",
      audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
    });
    await untilCampaign(b.api, campaign.id, (c) => c.counts.pending + c.counts.sending === 0);
    const recipients = await allRecipients(b.api, campaign.id);
    await stop(b.k); // releases the channel: A takes it back

    const expected = new Map(
      recipients
        .filter((r) => r.status !== "skipped")
        .map((r) => [r.id, expectedFate(a.k.sandbox.seed, a.k.sandbox.phone(r.phone), r.messageId)]),
    );
    expect([...expected.values()].some((f) => f.replies > 0)).toBe(true);
    const atStop = await db.query<{ id: string; status: string }>(
      "SELECT id, status FROM campaign_recipients WHERE campaign_id = $1",
      [campaign.id],
    );
    const stopped = new Map(atStop.rows.map((x) => [Number(x.id), x.status]));
    const before = recipients.map((r) => ({ ...r, status: stopped.get(r.id) as RecipientDto["status"] }));
    // Not everything had arrived when B stopped, or this test proves nothing.
    expect(settled(before, await repliesByContact(db, channelId), expected)).toBe(false);

    await waitFor(async () => (a.k.manager!.holds(channelId) ? true : undefined));
    await untilChannelStatus(a.api, channelId, "connected");
    const after = await waitFor(async () => {
      // Replies first: a reply and its mark on the recipient commit together.
      const replied = await repliesByContact(db, channelId);
      const now = await allRecipients(a.api, campaign.id);
      return settled(now, replied, expected) ? now : undefined;
    }, 60_000);

    const replies = await repliesByContact(db, channelId);
    await holds(
      "no reply stored twice",
      async () => {
        const now = await repliesByContact(db, channelId);
        return [...now].every(([contactId, n]) => replies.get(contactId) === n);
      },
      1_000,
    );
    for (const r of after) {
      const fate = expected.get(r.id);
      if (fate)
        expect({ phone: r.phone, status: r.status, replies: replies.get(r.contactId) ?? 0 }).toEqual({
          phone: r.phone,
          ...fate,
        });
    }
  });
});

/**
 * Warm or cold (issue 15): when a campaign starts, each recipient is warm when the contact
 * has written to the campaign's number ever, or to any of the shop's numbers within the
 * shop's `warm_days` (default 90); otherwise it is a new chat (cold). Decided once, at the
 * snapshot: a contact who writes while the campaign runs stays as classified.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { campaignRecipients, campaigns, messages, tenants } from "../src/db/schema/index.js";
import { createCampaignEstimator } from "../src/modules/campaigns/estimate.js";
import { snapshotAudience } from "../src/modules/campaigns/snapshot.js";
import { factory } from "./support/factory.js";
import { leaseDb, type LeaseDb } from "./support/leases.js";

const DAY = 86_400_000;
let d: LeaseDb;

beforeAll(async () => {
  d = await leaseDb();
});
afterAll(async () => {
  await d?.drop();
});

describe("warm and cold recipients", () => {
  it("classifies by who wrote to this number ever, or to another of the shop's numbers within warm_days", async () => {
    const f = factory(d);
    const [own, other] = [await f.channel(), await f.channel()];
    const [longAgoHere, recentElsewhere, longAgoElsewhere, never] = await f.contacts(4);
    const wrote = (channelId: string, contactId: string, daysAgo: number, direction: "in" | "out" = "in") =>
      d.db.insert(messages).values({
        tenantId: d.tenantId,
        channelId,
        contactId,
        direction,
        externalId: `m-${channelId}-${contactId}-${daysAgo}-${direction}`,
        text: "halo",
        status: direction === "in" ? "received" : "sent",
        createdAt: new Date(Date.now() - daysAgo * DAY),
      });
    await wrote(own.id, longAgoHere!.id, 400);
    await wrote(other.id, recentElsewhere!.id, 30);
    await wrote(other.id, longAgoElsewhere!.id, 120);
    // The shop writing to a contact does not make them warm: only the contact writing does.
    await wrote(own.id, never!.id, 1, "out");

    const warmOf = async (campaignName: string) => {
      const [c] = await d.db
        .insert(campaigns)
        .values({
          tenantId: d.tenantId,
          name: campaignName,
          channelId: own.id,
          body: "Halo {{name|Kak}}",
          audience: { type: "all" },
        })
        .returning();
      await snapshotAudience(d.db, { ...c!, audience: { type: "all" }, waTemplate: null }, [
        { channelId: own.id, weight: 1, rail: "web", score: 100, usable: true, coldOk: true },
      ]);
      const rows = await d.db
        .select({ contactId: campaignRecipients.contactId, warm: campaignRecipients.warm })
        .from(campaignRecipients)
        .where(eq(campaignRecipients.campaignId, c!.id));
      return new Map(rows.map((r) => [r.contactId, r.warm]));
    };

    // The composer's review step tells the same split before the campaign starts.
    const estimate = await createCampaignEstimator(d.db).estimate(
      { tenantId: d.tenantId, userId: null, role: "owner" },
      { audience: { type: "all" }, channelId: own.id },
    );
    expect([estimate.recipients, estimate.warm, estimate.newChats]).toEqual([4, 2, 2]);

    const byDefault = await warmOf("Promo 90 hari");
    expect(byDefault.get(longAgoHere!.id)).toBe(true);
    expect(byDefault.get(recentElsewhere!.id)).toBe(true);
    expect(byDefault.get(longAgoElsewhere!.id)).toBe(false);
    expect(byDefault.get(never!.id)).toBe(false);

    // A shop that counts only the last 7 days: the contact who wrote 30 days ago elsewhere is cold.
    await d.db.update(tenants).set({ warmDays: 7 }).where(eq(tenants.id, d.tenantId));
    const week = await warmOf("Promo 7 hari");
    expect(week.get(longAgoHere!.id)).toBe(true);
    expect(week.get(recentElsewhere!.id)).toBe(false);
    // 200 days back: the one who wrote 120 days ago elsewhere is warm.
    await d.db.update(tenants).set({ warmDays: 200 }).where(eq(tenants.id, d.tenantId));
    expect((await warmOf("Promo 200 hari")).get(longAgoElsewhere!.id)).toBe(true);
  });
});

/**
 * The composer's estimate shows the message units a campaign needs against the units the
 * shop has left (issue 14: "a campaign start shows the units it needs against what is
 * left", docs/billing.md "Web"): in SaaS mode `quota` is `{ needed, left, blocked }` for
 * every role that may estimate; it is null for a shop without a balance and on an unlimited
 * package, and in single mode (test/cloud-api-estimate-cost.test.ts).
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
import type { EstimateResult } from "../src/modules/campaigns/schemas.js";
import { apiClient, ok, signIn, type Api } from "./support/api.js";
import { labelReachableCustomers } from "./support/campaigns.js";
import { firstChannel } from "./support/channels.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let owner: Api;
let viewer: Api;
let db: Db;
let tenantId: string;
let channelId: string;

beforeAll(async () => {
  k = await startTestKabar({ KABAR_MODE: "saas" });
  owner = apiClient(k.http!, { cookie: k.cookie });
  db = k.database.db;
  tenantId = k.owner.tenantId;
  const v = await factory(k).user("viewer");
  viewer = apiClient(k.http!, { cookie: (await signIn(k.http!, v.email, v.password)).cookie });
  channelId = (await firstChannel(owner)).id;
  await labelReachableCustomers(k, owner, "kuota", 10);
});
afterAll(() => k?.close());

/** The estimate of a campaign to the ten customers labelled `kuota`, asked by `api`. */
async function estimate(api: Api = owner): Promise<EstimateResult> {
  return ok(
    api<EstimateResult>("POST", "/campaigns/estimate", {
      audience: { type: "labels", labels: ["kuota"], match: "any" },
      channelId,
    }),
  );
}

/** Sets the balance to exactly `left` units (the allowance spent down; no top-ups). */
async function setUnitsLeft(left: number): Promise<void> {
  await db.execute(
    sql`UPDATE quota_balances SET period_units = 500, period_used = 0, topup_left = 0, topup_used = 0 WHERE tenant_id = ${tenantId}`,
  );
  await db.transaction((tx) => takeUnits(tx, tenantId, 500 - left));
}

describe("units in the campaign estimate (SaaS mode)", () => {
  it("a shop without a balance is unmetered: no quota", async () => {
    expect(await quotaBalance(db, tenantId)).toBeNull();
    expect((await estimate()).quota).toBeNull();
  });

  it("shows the units needed and left to the owner and to a viewer; short or enough alike", async () => {
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
    });
    await setUnitsLeft(4);
    const e = await estimate();
    expect(e.recipients - e.optedOut).toBe(10);
    expect(e.quota).toEqual({ needed: 10, left: 4, blocked: null });
    expect((await estimate(viewer)).quota).toEqual({ needed: 10, left: 4, blocked: null });

    await setUnitsLeft(250);
    expect((await estimate()).quota).toEqual({ needed: 10, left: 250, blocked: null });
  });

  it("a suspended shop's estimate says the start is blocked; resumed, it is not", async () => {
    await setUnitsLeft(250);
    await db.transaction((tx) => suspendSubscription(tx, tenantId, "test"));
    expect((await estimate()).quota).toEqual({ needed: 10, left: 250, blocked: "subscription_inactive" });
    await db.transaction((tx) => resumeSubscription(tx, tenantId, new Date(), 3));
    expect((await estimate()).quota).toEqual({ needed: 10, left: 250, blocked: null });
  });

  it("on an unlimited package there is nothing to show, unless the shop is blocked", async () => {
    await db.execute(sql`UPDATE quota_balances SET period_units = NULL WHERE tenant_id = ${tenantId}`);
    expect((await estimate()).quota).toBeNull();
    await db.transaction((tx) => suspendSubscription(tx, tenantId, "test"));
    expect((await estimate()).quota).toEqual({ needed: 10, left: null, blocked: "subscription_inactive" });
    await db.transaction((tx) => resumeSubscription(tx, tenantId, new Date(), 3));
  });
});

/**
 * The subscription state machine and message units against real PostgreSQL (issue 14):
 * trial → paid → past due → expired with a fake clock, renewals, upgrades, refunds,
 * suspension, and the quota protocol under concurrent claimers.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import {
  applyPaid,
  applyRefund,
  createBillingService,
  giveBackUnits,
  listPackages,
  lockUnitsLeft,
  quotaBalance,
  resumeSubscription,
  startTrial,
  subscriptionOf,
  suspendSubscription,
  takeUnits,
} from "../src/modules/billing/index.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let db: Db;
let tenantId: string;
const ZONE = "Asia/Jakarta";
const day = 86_400_000;

beforeAll(async () => {
  k = await startTestKabar();
  db = k.database.db;
  tenantId = k.owner.tenantId;
});
afterAll(() => k?.close());

async function pkg(code: string) {
  const p = (await listPackages(db)).find((x) => x.code === code);
  if (!p) throw new Error(`no package ${code}`);
  return p;
}

async function shopRow() {
  const r = await db.execute<{ send_block: string | null; disabled_modules: string[] }>(
    sql`SELECT send_block, disabled_modules FROM tenants WHERE id = ${tenantId}`,
  );
  return r.rows[0]!;
}

describe("a shop's subscription with a fake clock", () => {
  const t0 = new Date("2026-12-07T03:00:00Z"); // 10:00 WIB

  it("starts on the trial: 14 days, 100 units, every module, sending allowed", async () => {
    expect(await db.transaction((tx) => startTrial(tx, tenantId, t0))).toBe(true);
    const sub = await subscriptionOf(db, tenantId);
    expect(sub).toMatchObject({ status: "trialing", package: { code: "trial" } });
    expect(sub!.periodEnd.getTime() - t0.getTime()).toBe(14 * day);
    expect(await quotaBalance(db, tenantId)).toMatchObject({ periodUnits: 100, periodUsed: 0, topupLeft: 0 });
    expect(await shopRow()).toEqual({ send_block: null, disabled_modules: [] });
  });

  it("expires the trial at its end (sending stops), and the sweep does it with its clock", async () => {
    let now = new Date(t0.getTime() + 14 * day - 1000);
    const billing = createBillingService(db, { mode: "saas", graceDays: 3, now: () => now });
    expect(await billing.sweep()).toBe(0);
    expect((await subscriptionOf(db, tenantId))!.status).toBe("trialing");
    now = new Date(t0.getTime() + 14 * day);
    expect(await billing.sweep()).toBe(1);
    expect((await subscriptionOf(db, tenantId))!.status).toBe("expired");
    expect((await shopRow()).send_block).toBe("expired");
  });

  it("a paid subscription starts a period now with the package's units and modules", async () => {
    const basic = await pkg("basic");
    const at = new Date(t0.getTime() + 15 * day);
    const effect = await db.transaction((tx) =>
      applyPaid(tx, tenantId, { kind: "subscription", packageId: basic.id, cycle: "monthly" }, at, ZONE),
    );
    const sub = (await subscriptionOf(db, tenantId))!;
    expect(sub).toMatchObject({ status: "active", package: { code: "basic" } });
    expect(sub.periodStart).toEqual(at);
    expect(sub.periodEnd.toISOString()).toBe("2027-01-22T03:00:00.000Z");
    expect(await quotaBalance(db, tenantId)).toMatchObject({ periodUnits: 2000, periodUsed: 0 });
    // Basic lacks commerce and reminders: they are off through the package, not the owner.
    const row = await shopRow();
    expect(row.send_block).toBeNull();
    expect([...row.disabled_modules].sort()).toEqual(["commerce", "reminders"]);
    expect(effect).toMatchObject({
      kind: "subscription",
      before: { status: "expired" },
      after: { status: "active" },
    });
  });

  it("past its period it is past due for the grace days (still sending), then expired", async () => {
    const sub = (await subscriptionOf(db, tenantId))!;
    let now = sub.periodEnd;
    const billing = createBillingService(db, { mode: "saas", graceDays: 3, now: () => now });
    await billing.sweep();
    const due = (await subscriptionOf(db, tenantId))!;
    expect(due.status).toBe("past_due");
    expect(due.graceUntil!.getTime()).toBe(sub.periodEnd.getTime() + 3 * day);
    expect((await shopRow()).send_block).toBeNull();
    now = new Date(sub.periodEnd.getTime() + 3 * day);
    await billing.sweep();
    expect((await subscriptionOf(db, tenantId))!.status).toBe("expired");
    expect((await shopRow()).send_block).toBe("expired");
  });

  it("a renewal paid in the grace continues the period (the grace days are paid for)", async () => {
    const basic = await pkg("basic");
    const sub = (await subscriptionOf(db, tenantId))!;
    // Back to past due by hand: the renewal lands inside the grace.
    await db.execute(sql`UPDATE subscriptions SET status = 'past_due' WHERE tenant_id = ${tenantId}`);
    const at = new Date(sub.periodEnd.getTime() + 2 * day);
    await db.transaction((tx) =>
      applyPaid(tx, tenantId, { kind: "renewal", packageId: basic.id, cycle: "monthly" }, at, ZONE),
    );
    const renewed = (await subscriptionOf(db, tenantId))!;
    expect(renewed.status).toBe("active");
    expect(renewed.periodStart).toEqual(sub.periodEnd);
    expect(renewed.graceUntil).toBeNull();
  });

  it("a renewal paid ahead keeps this month's allowance until the new period begins, then restarts it", async () => {
    const basic = await pkg("basic");
    const sub = (await subscriptionOf(db, tenantId))!;
    await db.transaction(async (tx) => {
      await lockUnitsLeft(tx, tenantId);
      await takeUnits(tx, tenantId, 10);
    });
    const at = new Date(sub.periodEnd.getTime() - 2 * day);
    await db.transaction((tx) =>
      applyPaid(tx, tenantId, { kind: "renewal", packageId: basic.id, cycle: "monthly" }, at, ZONE),
    );
    const ahead = (await subscriptionOf(db, tenantId))!;
    expect(ahead.periodStart).toEqual(sub.periodEnd);
    let now = at;
    const billing = createBillingService(db, { mode: "saas", graceDays: 3, now: () => now });
    await billing.sweep();
    expect(await quotaBalance(db, tenantId)).toMatchObject({ periodUsed: 10 });
    now = sub.periodEnd;
    await billing.sweep();
    expect(await quotaBalance(db, tenantId)).toMatchObject({ periodStart: sub.periodEnd, periodUsed: 0 });
  });

  it("an upgrade keeps the period and what was used, with the new package's allowance; its refund takes it back", async () => {
    const pro = await pkg("pro");
    await db.transaction(async (tx) => {
      expect(await lockUnitsLeft(tx, tenantId)).toBe(2000);
      await takeUnits(tx, tenantId, 1500);
    });
    const before = (await subscriptionOf(db, tenantId))!;
    const at = new Date(before.periodStart.getTime() + 5 * day);
    const effect = await db.transaction((tx) =>
      applyPaid(tx, tenantId, { kind: "upgrade", packageId: pro.id, cycle: null }, at, ZONE),
    );
    const up = (await subscriptionOf(db, tenantId))!;
    expect(up.package.code).toBe("pro");
    expect(up.periodEnd).toEqual(before.periodEnd);
    expect(await quotaBalance(db, tenantId)).toMatchObject({ periodUnits: 10000, periodUsed: 1500 });
    expect((await shopRow()).disabled_modules).toEqual([]);
    await db.transaction((tx) => applyRefund(tx, tenantId, effect, at, 3));
    expect((await subscriptionOf(db, tenantId))!.package.code).toBe("basic");
    expect(await quotaBalance(db, tenantId)).toMatchObject({ periodUnits: 2000, periodUsed: 1500 });
  });

  it("a top-up adds units that outlast the period; a refund takes back only what is unused", async () => {
    const effect = await db.transaction((tx) =>
      applyPaid(tx, tenantId, { kind: "topup", packageId: null, cycle: null, units: 1000 }, new Date(), ZONE),
    );
    expect(await quotaBalance(db, tenantId)).toMatchObject({ topupLeft: 1000 });
    // 500 left of the allowance, then 700 of the top-up.
    await db.transaction(async (tx) => {
      expect(await lockUnitsLeft(tx, tenantId)).toBe(1500);
      await takeUnits(tx, tenantId, 1200);
    });
    expect(await quotaBalance(db, tenantId)).toMatchObject({
      periodUsed: 2000,
      topupLeft: 300,
      topupUsed: 700,
    });
    // A failed send gives its unit back to the top-up it came from.
    await db.transaction((tx) => giveBackUnits(tx, tenantId, 1));
    expect(await quotaBalance(db, tenantId)).toMatchObject({
      periodUsed: 2000,
      topupLeft: 301,
      topupUsed: 699,
    });
    expect(await db.transaction((tx) => applyRefund(tx, tenantId, effect, new Date(), 3))).toBe(301);
    expect(await quotaBalance(db, tenantId)).toMatchObject({ topupLeft: 0 });
  });

  it("suspension stops sending at once and resume returns to the status moved with the clock", async () => {
    expect(await db.transaction((tx) => suspendSubscription(tx, tenantId, "abuse"))).toBe("active");
    expect((await shopRow()).send_block).toBe("suspended");
    expect(await db.transaction((tx) => suspendSubscription(tx, tenantId, "again"))).toBeNull();
    const sub = (await subscriptionOf(db, tenantId))!;
    const later = new Date(sub.periodEnd.getTime() + 10 * day);
    expect(await db.transaction((tx) => resumeSubscription(tx, tenantId, later, 3))).toBe("expired");
    expect((await shopRow()).send_block).toBe("expired");
  });
});

describe("the quota protocol under concurrent claimers", () => {
  it("ten transactions racing for the last 100 units take exactly 100", async () => {
    await db.execute(
      sql`UPDATE quota_balances SET period_units = 1000, period_used = 900, topup_left = 0, topup_used = 0 WHERE tenant_id = ${tenantId}`,
    );
    const taken = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction(async (tx) => {
          const left = await lockUnitsLeft(tx, tenantId);
          const n = Math.min(30, left);
          await takeUnits(tx, tenantId, n);
          return n;
        }),
      ),
    );
    expect(taken.reduce((a, b) => a + b, 0)).toBe(100);
    expect(await quotaBalance(db, tenantId)).toMatchObject({ periodUsed: 1000, topupLeft: 0 });
  });

  it("an unmetered shop (no balance row) has no limit and nothing to take", async () => {
    const other = await db.execute<{ id: string }>(
      sql`INSERT INTO tenants (name) VALUES ('Tanpa kuota') RETURNING id`,
    );
    const id = other.rows[0]!.id;
    await db.transaction(async (tx) => {
      expect(await lockUnitsLeft(tx, id)).toBe(Number.MAX_SAFE_INTEGER);
      await takeUnits(tx, id, 5);
    });
    expect(await quotaBalance(db, id)).toBeNull();
  });
});

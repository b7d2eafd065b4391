/**
 * SaaS-mode test helpers (issue 14): a shop on a paid package, its message units set and
 * read, what a sandbox customer's phone received.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import {
  applyPaid,
  listPackages,
  quotaBalance,
  startTrial,
  takeUnits,
} from "../../src/modules/billing/index.js";
import { type Api, ok } from "./api.js";

/** Puts the shop on the package `code` (a trial first, then the package paid now). @returns the package's id */
export async function subscribeShop(db: Db, tenantId: string, code: string): Promise<string> {
  const pkg = (await listPackages(db)).find((p) => p.code === code)!;
  await db.transaction(async (tx) => {
    await startTrial(tx, tenantId, new Date());
    await applyPaid(
      tx,
      tenantId,
      { kind: "subscription", packageId: pkg.id, cycle: "monthly" },
      new Date(),
      "Asia/Jakarta",
    );
  });
  return pkg.id;
}

/** Units left: the period's allowance left plus top-ups. */
export async function unitsLeft(db: Db, tenantId: string): Promise<number> {
  const b = (await quotaBalance(db, tenantId))!;
  return Math.max(0, b.periodUnits! - b.periodUsed) + b.topupLeft;
}

/** Sets the balance to exactly `left` units (the allowance spent down; no top-ups). */
export async function setUnitsLeft(db: Db, tenantId: string, left: number): Promise<void> {
  await db.execute(
    sql`UPDATE quota_balances SET period_used = 0, topup_left = 0, topup_used = 0 WHERE tenant_id = ${tenantId}`,
  );
  const b = (await quotaBalance(db, tenantId))!;
  await db.transaction((tx) => takeUnits(tx, tenantId, b.periodUnits! - left));
}

/** Texts the sandbox customer's phone received from the shop. */
export async function phoneInbox(api: Api, phone: string): Promise<string[]> {
  const all = await ok(
    api<Array<{ direction: string; text?: string }>>(
      "GET",
      `/sandbox/phones/${encodeURIComponent(phone)}/messages`,
    ),
  );
  return all.filter((m) => m.direction === "in").map((m) => m.text ?? "");
}

/**
 * The hourly reminder sweep runs every due shop even when one of them fails, then fails
 * the job with one error naming the shops that failed (so pg-boss retries it and the log
 * says which).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { tenants } from "../src/db/schema/index.js";
import { shopDate } from "../src/modules/reminders/due.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;

beforeAll(async () => {
  k = await startTestKabar();
});
afterAll(async () => {
  await k?.close();
});

/** A shop whose daily reminder run is on at midnight (so its hour has always come). */
async function shopWithReminders(id: string, name: string, timeZone: string): Promise<string> {
  const [t] = await k.database.db
    .insert(tenants)
    .values({ id, name, timeZone })
    .returning({ id: tenants.id });
  await k.database.pool.query(
    "INSERT INTO reminder_settings (tenant_id, enabled, send_hour) VALUES ($1, true, 0)",
    [t!.id],
  );
  return t!.id;
}

const lastRunOn = async (tenantId: string) =>
  (
    await k.database.pool.query<{ day: string | null }>(
      "SELECT to_char(last_run_on, 'YYYY-MM-DD') AS day FROM reminder_settings WHERE tenant_id = $1",
      [tenantId],
    )
  ).rows[0]?.day;

it("a shop whose run fails does not stop the next: the other shop runs, and the error names the failed one", async () => {
  // A forced failure: a time zone no clock knows makes this shop's run throw.
  // The sweep takes shops in id order: the broken one comes first.
  const broken = await shopWithReminders(
    "00000000-0000-4000-8000-000000000001",
    "Toko Rusak",
    "Mars/Olympus_Mons",
  );
  const fine = await shopWithReminders("00000000-0000-4000-8000-000000000002", "Toko Sehat", "Asia/Makassar");
  const now = new Date();
  const err = await k.services.reminders.runDueShops(now).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ code: "reminder_runs_failed", status: 500 });
  expect((err as Error).message).toContain(broken);
  expect((err as Error).message).not.toContain(fine);
  expect(await lastRunOn(fine)).toBe(shopDate(now, "Asia/Makassar"));
  expect(await lastRunOn(broken)).toBeNull();
});

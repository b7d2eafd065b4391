/**
 * Single mode (the default) has no SaaS platform (issue 14): sign-up is closed, no platform
 * admin exists (the console's routes answer 401), downgrades have no billing to change, and
 * nothing limits what a shop creates.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient, errorOf, ok, SAME_ORIGIN } from "./support/api.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
beforeAll(async () => {
  k = await startTestKabar();
});
afterAll(() => k?.close());

it("has no sign-up, no platform admin and no downgrade; creation is unlimited", async () => {
  const anon = apiClient(k.http!, null);
  expect(await ok(anon("GET", "/signup"))).toEqual({ enabled: false, trialDays: null, trialMessages: null });
  const signUp = await anon(
    "POST",
    "/signup",
    {
      shopName: "Toko Lain",
      ownerName: "Budi",
      email: "budi@toko.test",
      phone: "081234567001",
      password: "rahasia-123",
    },
    { headers: { origin: SAME_ORIGIN } },
  );
  expect(signUp.status).toBe(404);
  expect(k.platformAdmin).toBeNull();
  const admins = await k.database.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM platform_admins`,
  );
  expect(admins.rows[0]!.n).toBe(0);
  const signIn = await anon("POST", "/platform/auth/sign-in", {
    email: "admin@kabar.test",
    password: "apa-saja-123",
  });
  expect(signIn.status).toBe(401);
  expect((await anon("GET", "/platform/shops")).status).toBe(401);
  const owner = apiClient(k.http!, { cookie: k.cookie });
  const downgrade = await owner("POST", "/billing/downgrade", {
    packageId: "00000000-0000-4000-8000-000000000000",
  });
  expect([downgrade.status, errorOf(downgrade).code]).toEqual([404, "billing_off"]);
  // No subscription, no limit: a second and third number are fine.
  for (const n of [2, 3]) await ok(owner("POST", "/channels", { name: `Nomor ${n}`, kind: "sandbox" }), 201);
});

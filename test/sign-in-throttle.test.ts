/**
 * Per-account sign-in throttle (issue 9 §7): failures counted per e-mail in PostgreSQL, so
 * guesses spread over many addresses and several Kabar processes are limited, and a restart
 * does not forget; a locked e-mail answers 429 with Retry-After, the same for an e-mail no
 * account has.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInThrottle } from "../src/db/schema/index.js";
import type { ErrorBody } from "./support/api.js";
import { factory } from "./support/factory.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

const ENV = { KABAR_SIGN_IN_BACKOFF_MS: "60000" };
let url: string;
let a: TestKabar;
let b: TestKabar;

beforeAll(async () => {
  url = await createTestDatabase();
  a = await startTestKabar(ENV, {}, url);
  b = await startTestKabar(ENV, {}, url);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await dropTestDatabase(url);
});

let address = 0;
/** One sign-in through `k`, each from a new client address (the per-address limit never bites). */
async function attempt(k: TestKabar, email: string, password: string) {
  address += 1;
  const r = await k.http!.inject({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    remoteAddress: `10.77.${Math.floor(address / 250)}.${(address % 250) + 1}`,
    payload: { email, password },
  });
  return {
    status: r.statusCode,
    retryAfter: r.headers["retry-after"],
    error: r.statusCode >= 400 ? (r.json() as ErrorBody).error : undefined,
  };
}

describe("per-account sign-in throttle", () => {
  it("five failures spread over addresses and two processes lock the account: even the right password gets 429 with Retry-After, on both; the audit log has each", async () => {
    const kasir = await factory(a).user("agent", {
      email: "kasir@toko-contoh.test",
      password: "kasir-rahasia-1",
    });
    for (let i = 0; i < 5; i++)
      expect((await attempt(i % 2 ? a : b, "kasir@toko-contoh.test", `tebakan-${i}`)).status).toBe(401);
    for (const k of [a, b]) {
      const locked = await attempt(k, "Kasir@Toko-Contoh.test", "kasir-rahasia-1");
      expect({ status: locked.status, code: locked.error?.code }).toEqual({
        status: 429,
        code: "sign_in_locked",
      });
      expect(Number(locked.retryAfter)).toBeGreaterThan(0);
      expect(Number(locked.retryAfter)).toBeLessThanOrEqual(60);
    }
    const { rows } = await a.database.pool.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id",
      [kasir.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      ...Array(5).fill("auth.sign_in_failed"),
      "auth.sign_in_locked",
      "auth.sign_in_locked",
    ]);
  });

  it("an e-mail no account has is answered exactly the same way", async () => {
    for (let i = 0; i < 5; i++)
      expect((await attempt(a, "tidak-ada@toko-contoh.test", `tebakan-${i}`)).status).toBe(401);
    const locked = await attempt(b, "tidak-ada@toko-contoh.test", "apa-saja");
    const known = await attempt(b, "kasir@toko-contoh.test", "apa-saja");
    expect({ status: locked.status, code: locked.error?.code, retry: typeof locked.retryAfter }).toEqual({
      status: known.status,
      code: known.error?.code,
      retry: typeof known.retryAfter,
    });
    expect(locked.error?.message.replace(/\d+/g, "N")).toBe(known.error?.message.replace(/\d+/g, "N"));
  });

  it("holds across a restart, and lifts when the lock time has passed (the next failure locks twice as long)", async () => {
    await a.stop();
    a = await startTestKabar(ENV, {}, url);
    expect((await attempt(a, "kasir@toko-contoh.test", "kasir-rahasia-1")).status).toBe(429);
    // The lock ends at locked_until: move it to the past rather than wait a minute.
    await a.database.db
      .update(signInThrottle)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(signInThrottle.email, "kasir@toko-contoh.test"));
    expect((await attempt(a, "kasir@toko-contoh.test", "salah-lagi")).status).toBe(401);
    const again = await attempt(b, "kasir@toko-contoh.test", "kasir-rahasia-1");
    expect(again.status).toBe(429);
    expect(Number(again.retryAfter)).toBeGreaterThan(60);
  });

  it("a success resets the count", async () => {
    await factory(a).user("agent", { email: "gudang@toko-contoh.test", password: "gudang-rahasia-1" });
    for (let i = 0; i < 4; i++)
      expect((await attempt(a, "gudang@toko-contoh.test", `tebakan-${i}`)).status).toBe(401);
    expect((await attempt(b, "gudang@toko-contoh.test", "gudang-rahasia-1")).status).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await attempt(b, "gudang@toko-contoh.test", `tebakan-${i}`)).status).toBe(401);
    expect((await attempt(a, "gudang@toko-contoh.test", "gudang-rahasia-1")).status).toBe(200);
  });
});

/**
 * SaaS mode's platform side (issue 14): the platform admin (made once), its sign-in, throttle
 * and sessions kept apart from shops'; the console (usage, never customers; suspend / resume;
 * packages and top-up packs); sign-up; package limits at creation; downgrades. Real
 * PostgreSQL through startTestKabar in SaaS mode.
 */
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { applyPaid, quotaBalance, subscriptionOf } from "../src/modules/billing/index.js";
import { advanceSubscription } from "../src/modules/billing/subscribe.js";
import { ensurePlatformAdmin } from "../src/modules/platform/index.js";
import { type Api, addTenant, apiClient, errorOf, ok, SAME_ORIGIN } from "./support/api.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { API_ROUTES, fillPath, PLATFORM_ROUTES, PUBLIC_ROUTES, routeKey } from "./support/routes.js";

const ADMIN_EMAIL = "admin@platform.test";
const ADMIN_PASSWORD = "rahasia-platform-1";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

let k: TestKabar;
let platform: Api;
let platformCookie: string;
let demoOwner: Api;

async function signInPlatform(): Promise<string> {
  const r = await k.http!.inject({
    method: "POST",
    url: "/api/v1/platform/auth/sign-in",
    headers: { origin: SAME_ORIGIN },
    payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  });
  expect(r.statusCode, r.body).toBe(200);
  return String(r.headers["set-cookie"]).split(";")[0]!;
}

const signUpBody = (n: number) => ({
  shopName: `Toko Baru ${n}`,
  ownerName: `Pemilik ${n}`,
  email: `pemilik${n}@toko-baru.test`,
  phone: `0812345670${String(n).padStart(2, "0")}`,
  password: "rahasia-baru-1",
});

/** Signs a shop up; answers its owner's client and ids. */
async function signUp(n: number) {
  const r = await apiClient(k.http!, null)("POST", "/signup", signUpBody(n), {
    headers: { origin: SAME_ORIGIN },
  });
  expect(r.status, r.text).toBe(201);
  const cookie = String(r.headers["set-cookie"]).split(";")[0]!;
  const user = (r.body as { user: { id: string; tenantId: string; role: string } }).user;
  return { api: apiClient(k.http!, { cookie }), cookie, user };
}

beforeAll(async () => {
  k = await startTestKabar({
    KABAR_MODE: "saas",
    KABAR_PLATFORM_ADMIN_EMAIL: ADMIN_EMAIL,
    KABAR_PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KABAR_SIGN_UP_PER_HOUR: "40",
    KABAR_SIGN_IN_PER_MINUTE: "100",
  });
  platformCookie = await signInPlatform();
  platform = apiClient(k.http!, { cookie: platformCookie });
  demoOwner = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(() => k?.close());

describe("the platform admin", () => {
  it("is made on the first start with the configured password (nothing to print), and never again", async () => {
    expect(k.platformAdmin).toEqual({ email: ADMIN_EMAIL, password: undefined });
    expect(await ensurePlatformAdmin(k.database.db, { email: "other@platform.test" })).toBeNull();
    const n = await k.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM platform_admins`);
    expect(n.rows[0]!.n).toBe(1);
  });

  it("gets a generated password, printed once, when none is configured", async () => {
    // A fresh platform (no admin yet), inside a transaction rolled back afterwards.
    const rolledBack = new Error("roll back");
    const seen = await k.database.db
      .transaction(async (tx) => {
        const db = tx as unknown as Db;
        await tx.execute(sql`DELETE FROM platform_admins`);
        const made = await ensurePlatformAdmin(db, { email: "Baru@Platform.test" });
        const again = await ensurePlatformAdmin(db, { email: "baru@platform.test" });
        throw Object.assign(rolledBack, { made, again });
      })
      .catch((e: Error & { made?: unknown; again?: unknown }) => e);
    const { made, again } = seen as unknown as { made: { email: string; password?: string }; again: unknown };
    expect(made.email).toBe("baru@platform.test");
    expect(made.password).toMatch(/^[\w-]{16}$/);
    expect(again).toBeNull();
    expect((await ok(platform<{ admin: { email: string } }>("GET", "/platform/auth/me"))).admin.email).toBe(
      ADMIN_EMAIL,
    );
  });

  it("signs in with its cookie, and a wrong password gets the same 401 as an unknown e-mail", async () => {
    const me = await ok(platform<{ admin: { email: string } }>("GET", "/platform/auth/me"));
    expect(me.admin.email).toBe(ADMIN_EMAIL);
    expect(platformCookie.startsWith("kabar_platform=")).toBe(true);
    const anon = apiClient(k.http!, null);
    const wrong = await anon("POST", "/platform/auth/sign-in", {
      email: ADMIN_EMAIL,
      password: "salah-sekali",
    });
    const unknown = await anon("POST", "/platform/auth/sign-in", {
      email: "x@platform.test",
      password: "salah",
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(errorOf(wrong).code).toBe("invalid_credentials");
    expect(errorOf(unknown).message).toBe(errorOf(wrong).message);
  });

  it("is throttled by e-mail: past five failures the e-mail is locked (429 with Retry-After)", async () => {
    const anon = apiClient(k.http!, null);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (await anon("POST", "/platform/auth/sign-in", { email: "kunci@platform.test", password: "salah" }))
          .status,
      );
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    // A shop's sign-in with the same e-mail keeps its own count.
    const shop = await anon("POST", "/auth/sign-in", { email: "kunci@platform.test", password: "salah" });
    expect(shop.status).toBe(401);
  });

  it("a shop's session, an API key or a bearer token opens no console route (all 13 answer 401)", async () => {
    const key = await ok(
      demoOwner<{ key: string }>("POST", "/api-keys", { name: "Situs", scopes: ["orders:read"] }),
      201,
    );
    const token = platformCookie.split("=")[1]!;
    for (const caller of [
      demoOwner,
      apiClient(k.http!, { bearer: key.key }),
      apiClient(k.http!, { bearer: token }),
      apiClient(k.http!, null),
    ]) {
      const guarded = PLATFORM_ROUTES.filter((r) => !r.path.startsWith("/platform/auth/sign-"));
      expect(guarded).toHaveLength(13);
      for (const route of guarded) {
        const { method } = route;
        const path = fillPath(route.path, {});
        const r = await caller(method, path, method === "GET" ? undefined : {});
        expect(r.status, `${method} ${path}`).toBe(401);
        expect(errorOf(r).code).toBe("platform_session_required");
      }
    }
  });

  it("a platform session opens no shop route: every one answers 401", async () => {
    const routes = API_ROUTES.filter((r) => !PUBLIC_ROUTES.includes(routeKey(r)));
    for (const r of routes) {
      const reply = await platform(r.method, fillPath(r.path, {}), r.method === "GET" ? undefined : {});
      expect(reply.status, routeKey(r)).toBe(401);
    }
    expect(routes.length).toBeGreaterThan(100);
  });

  it("signs out: the cookie no longer opens the console", async () => {
    const cookie = await signInPlatform();
    const api = apiClient(k.http!, { cookie });
    expect((await api("POST", "/platform/auth/sign-out")).status).toBe(204);
    expect((await api("GET", "/platform/auth/me")).status).toBe(401);
  });
});

describe("sign-up", () => {
  it("tells the page what the trial gives", async () => {
    const info = await ok(apiClient(k.http!, null)("GET", "/signup"));
    expect(info).toEqual({ enabled: true, trialDays: 14, trialMessages: 100 });
  });

  it("makes the shop, its outlet, the owner and the trial, and signs the owner in", async () => {
    const { api, user } = await signUp(1);
    expect(user.role).toBe("owner");
    const me = await ok(api<{ user: { email: string; mustChangePassword: boolean } }>("GET", "/auth/me"));
    expect(me.user).toMatchObject({ email: "pemilik1@toko-baru.test", mustChangePassword: false });
    const tenant = await ok(api<{ name: string; timeZone: string }>("GET", "/tenant"));
    expect(tenant).toMatchObject({ name: "Toko Baru 1", timeZone: "Asia/Jakarta" });
    const outlets = await ok(api<{ name: string; phone: string | null }[]>("GET", "/outlets"));
    expect(outlets.map((o) => [o.name, o.phone])).toEqual([["Toko Baru 1", "+6281234567001"]]);
    const sub = await k.database.db.execute<{ status: string; code: string }>(sql`
      SELECT s.status, p.code FROM subscriptions s JOIN packages p ON p.id = s.package_id WHERE s.tenant_id = ${user.tenantId}`);
    expect(sub.rows).toEqual([{ status: "trialing", code: "trial" }]);
    // No demo data.
    const contacts = await ok(api<{ total: number }>("GET", "/contacts"));
    expect(contacts.total).toBe(0);
    // The owner signs in again with the password.
    const again = await apiClient(k.http!, null)("POST", "/auth/sign-in", {
      email: "pemilik1@toko-baru.test",
      password: "rahasia-baru-1",
    });
    expect(again.status).toBe(200);
  });

  it("refuses a bad form naming each field, and an owner's e-mail with 409 email_taken", async () => {
    const anon = apiClient(k.http!, null);
    const bad = await anon("POST", "/signup", {
      shopName: "",
      ownerName: "A",
      email: "bukan-email",
      phone: "0812",
      password: "pendek",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(errorOf(bad).fields ?? {}).sort()).toEqual(["email", "password", "phone", "shopName"]);
    const phone = await anon("POST", "/signup", { ...signUpBody(2), phone: "0812abc" });
    expect(phone.status).toBe(400);
    expect(Object.keys(errorOf(phone).fields ?? {})).toEqual(["phone"]);
    const taken = await anon("POST", "/signup", { ...signUpBody(3), email: "Pemilik1@Toko-Baru.test" });
    expect(taken.status).toBe(409);
    expect(errorOf(taken).code).toBe("email_taken");
  });
});

describe("the console", () => {
  it("lists shops with their package, status and usage, and nothing of their customers", async () => {
    const list = await ok(
      platform<{ shops: Record<string, unknown>[]; total: number }>("GET", "/platform/shops?search=baru%201"),
    );
    expect(list.total).toBe(1);
    const shop = list.shops[0]!;
    expect(Object.keys(shop).sort()).toEqual([
      "createdAt",
      "id",
      "name",
      "ownerEmail",
      "package",
      "periodEnd",
      "status",
      "usage",
    ]);
    expect(shop).toMatchObject({
      name: "Toko Baru 1",
      ownerEmail: "pemilik1@toko-baru.test",
      status: "trialing",
      package: { code: "trial" },
      usage: { messagesUsed: 0, messagesAllowance: 100, topupLeft: 0, numbers: 0, staff: 1, contacts: 0 },
    });
    const all = await ok(
      platform<{ shops: { name: string; status: string | null }[] }>("GET", "/platform/shops"),
    );
    // The demo shop, made before SaaS mode: no subscription (unmetered).
    expect(all.shops.find((s) => s.name === "Toko Contoh")?.status).toBeNull();
    const totals = await ok(
      platform<{ shops: { total: number; trialing: number } }>("GET", "/platform/totals"),
    );
    expect(totals.shops).toMatchObject({ total: 2, trialing: 1 });
  });

  it("suspends a shop (sending stops: send_block) and resumes it", async () => {
    const { shops } = await ok(
      platform<{ shops: { id: string }[] }>("GET", "/platform/shops?search=baru%201"),
    );
    const id = shops[0]!.id;
    const suspended = await ok(
      platform<{ status: string }>("POST", `/platform/shops/${id}/suspend`, { reason: "Tagihan palsu" }),
    );
    expect(suspended.status).toBe("suspended");
    const block = async () =>
      (
        await k.database.db.execute<{ send_block: string | null }>(
          sql`SELECT send_block FROM tenants WHERE id = ${id}`,
        )
      ).rows[0]!.send_block;
    expect(await block()).toBe("suspended");
    expect((await platform("POST", `/platform/shops/${id}/suspend`, { reason: "lagi" })).status).toBe(409);
    const resumed = await ok(platform<{ status: string }>("POST", `/platform/shops/${id}/resume`));
    expect(resumed.status).toBe("trialing");
    expect(await block()).toBeNull();
    expect(
      (await platform("POST", "/platform/shops/00000000-0000-4000-8000-000000000000/resume")).status,
    ).toBe(404);
  });

  it("tells the shop's people it was suspended (with the reason) and resumed, and writes both in its audit log", async () => {
    const { api, user } = await signUp(21);
    await ok(platform("POST", `/platform/shops/${user.tenantId}/suspend`, { reason: "Tagihan palsu" }));
    await ok(platform("POST", `/platform/shops/${user.tenantId}/resume`));
    const told = await ok(
      api<{ items: { kind: string; severity: string; reason: string | null }[] }>("GET", "/notifications"),
    );
    expect(told.items.map((n) => [n.kind, n.severity, n.reason])).toEqual([
      ["shop_resumed", "info", null],
      ["shop_suspended", "error", "Tagihan palsu"],
    ]);
    const log = await ok(
      api<{ items: { action: string; actor: { userId: string | null }; changes: unknown }[] }>(
        "GET",
        "/audit?targetType=subscription",
      ),
    );
    expect(log.items.map((e) => [e.action, e.actor.userId, e.changes])).toEqual([
      ["billing.shop_resumed", null, { status: ["suspended", "trialing"] }],
      ["billing.shop_suspended", null, { status: ["trialing", "suspended"] }],
    ]);
  });

  it("puts a shop made before SaaS mode on a package: it becomes metered, billed and limited like any other", async () => {
    const old = await addTenant(k, "Toko Lama", "pemilik@toko-lama.test", "rahasia-lama-1");
    const row = async () =>
      (
        await ok(
          platform<{ shops: { id: string; status: string | null; package: { code: string } | null }[] }>(
            "GET",
            "/platform/shops?search=Toko%20Lama",
          ),
        )
      ).shops.find((x) => x.id === old.tenantId)!;
    expect(await row()).toMatchObject({ status: null, package: null });
    // Before: unmetered, nothing to bill.
    expect(await quotaBalance(k.database.db, old.tenantId)).toBeNull();
    const { packages } = await ok(
      platform<{ packages: { id: string; code: string; isTrial: boolean }[] }>("GET", "/platform/packages"),
    );
    const basic = packages.find((p) => p.code === "basic")!;
    const trial = packages.find((p) => p.isTrial)!;
    const path = `/platform/shops/${old.tenantId}/package`;
    expect(errorOf(await platform("POST", path, { packageId: trial.id })).code).toBe(
      "trial_package_not_granted",
    );
    expect(errorOf(await platform("POST", path, { packageId: UNKNOWN })).code).toBe("package_not_found");
    expect(
      errorOf(await platform("POST", `/platform/shops/${UNKNOWN}/package`, { packageId: basic.id })).code,
    ).toBe("shop_not_found");
    const granted = await ok(
      platform<{ status: string; package: { code: string } }>("POST", path, { packageId: basic.id }),
    );
    expect([granted.status, granted.package.code]).toEqual(["active", "basic"]);
    // The owner's billing page now shows the package and its allowance; the shop is metered.
    const billing = await ok(
      old.api<{
        enabled: boolean;
        status: string;
        package: { code: string };
        messages: { left: number | null };
      }>("GET", "/billing"),
    );
    expect([billing.status, billing.package.code, billing.messages.left]).toEqual(["active", "basic", 2000]);
    // Basic allows one number: a second is refused like any metered shop's.
    const numbers = await ok(old.api<{ id: string }[]>("GET", "/channels"));
    if (numbers.length === 0) await ok(old.api("POST", "/channels", { kind: "sandbox", name: "Satu" }), 201);
    const second = await old.api("POST", "/channels", { kind: "sandbox", name: "Dua" });
    expect([second.status, errorOf(second).code]).toEqual([402, "package_limit_reached"]);
    const log = await ok(
      old.api<{ items: { action: string; changes: unknown }[] }>("GET", "/audit?targetType=subscription"),
    );
    expect(log.items.map((e) => [e.action, e.changes])).toEqual([
      ["billing.package_granted", { package: [null, "basic"], status: [null, "active"] }],
    ]);
  });

  it("creates and edits packages with validation (rupiah ≥ 0 integers, known modules, one trial)", async () => {
    const bad = await platform("POST", "/platform/packages", {
      code: "x",
      name: "X",
      priceMonthly: -1,
      priceYearly: 1.5,
      messageQuota: null,
      numbersLimit: null,
      staffLimit: null,
      contactsLimit: null,
      modules: ["teleport"],
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(errorOf(bad).fields ?? {}).sort()).toEqual([
      "modules.0",
      "priceMonthly",
      "priceYearly",
    ]);
    const body = {
      code: "hemat",
      name: "Hemat",
      priceMonthly: 50_000,
      priceYearly: 500_000,
      messageQuota: 500,
      numbersLimit: 2,
      staffLimit: 2,
      contactsLimit: 3,
      modules: ["broadcast", "inbox", "automation", "commerce", "reminders", "reports"],
    };
    const made = await ok(
      platform<{ id: string; sort: number; active: boolean }>("POST", "/platform/packages", body),
      201,
    );
    expect(made).toMatchObject({ ...body, active: true, isTrial: false });
    expect(errorOf(await platform("POST", "/platform/packages", body)).code).toBe("code_taken");
    const trial = await platform("POST", "/platform/packages", {
      ...body,
      code: "coba2",
      isTrial: true,
      trialDays: 7,
    });
    expect(errorOf(trial).code).toBe("one_trial_package");
    const edited = await ok(
      platform<{ name: string; priceMonthly: number }>("PATCH", `/platform/packages/${made.id}`, {
        name: "Hemat Sekali",
        priceMonthly: 45_000,
      }),
    );
    expect(edited).toMatchObject({ name: "Hemat Sekali", priceMonthly: 45_000, numbersLimit: 2 });
    const packs = await ok(platform<{ topupPacks: unknown[] }>("GET", "/platform/topup-packs"));
    expect(packs.topupPacks.length).toBeGreaterThan(0);
    const pack = await ok(
      platform<{ id: string }>("POST", "/platform/topup-packs", {
        code: "t50",
        name: "50 pesan",
        units: 50,
        price: 10_000,
      }),
      201,
    );
    expect((await platform("PATCH", `/platform/topup-packs/${pack.id}`, { price: -5 })).status).toBe(400);
    expect(await ok(platform("PATCH", `/platform/topup-packs/${pack.id}`, { price: 9_000 }))).toMatchObject({
      price: 9_000,
    });
  });

  it("a shop's owner cannot see the console, and payments list across shops", async () => {
    const { api } = await signUp(4);
    expect((await api("GET", "/platform/shops")).status).toBe(401);
    expect((await api("GET", "/platform/payments")).status).toBe(401);
    expect(await ok(platform("GET", "/platform/payments"))).toEqual({ payments: [] });
  });
});

describe("package limits and downgrades", () => {
  async function onPackage(tenantId: string, code: string) {
    await k.database.db.execute(sql`UPDATE subscriptions SET package_id = (SELECT id FROM packages WHERE code = ${code}),
      status = 'active' WHERE tenant_id = ${tenantId}`);
  }

  it("refuses a third number on a two-number package with 402 naming the limit", async () => {
    const { api, user } = await signUp(5);
    await onPackage(user.tenantId, "hemat");
    await ok(api("POST", "/channels", { name: "Nomor 1", kind: "sandbox" }), 201);
    await ok(api("POST", "/channels", { name: "Nomor 2", kind: "sandbox" }), 201);
    const third = await api("POST", "/channels", { name: "Nomor 3", kind: "sandbox" });
    expect(third.status).toBe(402);
    expect(errorOf(third)).toMatchObject({
      code: "package_limit_reached",
      details: { limit: "numbers", allowed: 2 },
    });
    // Staff: the owner plus one.
    await ok(api("POST", "/users", { email: "staf1@toko.test", name: "Staf 1", role: "agent" }), 201);
    const staff = await api("POST", "/users", { email: "staf2@toko.test", name: "Staf 2", role: "agent" });
    expect(errorOf(staff)).toMatchObject({
      code: "package_limit_reached",
      details: { limit: "staff", allowed: 2 },
    });
  });

  it("an import keeps contacts up to the limit and rejects the rest line by line", async () => {
    const { user } = await signUp(6);
    await onPackage(user.tenantId, "hemat");
    const actor = { tenantId: user.tenantId, userId: user.id, role: "owner" as const };
    const rows = [
      "nama,telepon",
      ...[1, 2, 3, 4, 5].map((i) => `Orang ${i},08137770000${i}`),
      "Orang 1 lagi,081377700001",
    ];
    const summary = await k.services.imports.run(actor, Readable.from([`${rows.join("\n")}\n`]), {
      filename: "k.csv",
    });
    expect(summary).toMatchObject({ created: 3, rejected: 2 });
    const errors = await k.database.db.execute<{ line: number; reason: string }>(sql`
      SELECT line, reason FROM import_errors WHERE tenant_id = ${user.tenantId} ORDER BY line`);
    expect(errors.rows.map((e) => e.line)).toEqual([5, 6]);
    expect(errors.rows[0]!.reason).toContain("contacts limit");
    const one = await k.services.contacts
      .create(actor, { phone: "081377700009" })
      .catch((e: { code: string }) => e.code);
    expect(one).toBe("package_limit_reached");
  });

  it("a downgrade names the numbers and staff to remove, and is accepted once they are gone", async () => {
    const { api, user } = await signUp(7);
    await onPackage(user.tenantId, "pro");
    for (const n of [1, 2, 3])
      await ok(api("POST", "/channels", { name: `Nomor ${n}`, kind: "sandbox" }), 201);
    const s1 = await ok(
      api<{ id: string }>("POST", "/users", { email: "a@toko.test", name: "Staf A", role: "agent" }),
      201,
    );
    const s2 = await ok(
      api<{ id: string }>("POST", "/users", { email: "b@toko.test", name: "Staf B", role: "agent" }),
      201,
    );
    const { packages } = await ok(
      platform<{ packages: { id: string; code: string }[] }>("GET", "/platform/packages"),
    );
    const hemat = packages.find((p) => p.code === "hemat")!.id;
    const refused = await api("POST", "/billing/downgrade", { packageId: hemat });
    expect(refused.status).toBe(409);
    const details = errorOf(refused).details as {
      limits: { limit: string; allowed: number; used: number; remove?: { name: string }[] }[];
    };
    expect(details.limits).toEqual([
      { limit: "numbers", allowed: 2, used: 3, remove: [expect.objectContaining({ name: "Nomor 3" })] },
      { limit: "staff", allowed: 2, used: 3, remove: [expect.objectContaining({ name: "Staf B" })] },
    ]);
    await k.database.db.execute(
      sql`DELETE FROM channels WHERE tenant_id = ${user.tenantId} AND name = 'Nomor 3'`,
    );
    await ok(api("PATCH", `/users/${s2.id}`, { active: false }));
    const done = await ok(
      api<{ nextPackage: { code: string } | null; package: { code: string } }>("POST", "/billing/downgrade", {
        packageId: hemat,
      }),
    );
    expect(done).toMatchObject({ package: { code: "pro" }, nextPackage: { code: "hemat" } });
    // The shop's audit log shows the downgrade (the HTTP layer's entry for the write).
    const audit = await k.database.db.execute<{ action: string }>(sql`
      SELECT action FROM audit_log WHERE tenant_id = ${user.tenantId} ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0]!.action).toContain("billing");
    // Reactivating Staf B would break the limit of the package now... (still pro: allowed)
    const cancelled = await ok(api<{ nextPackage: unknown }>("DELETE", "/billing/downgrade"));
    expect(cancelled.nextPackage).toBeNull();
    expect(s1.id).toBeTruthy();

    // Scheduled again and the renewal paid ahead: this period stays Pro; the paid one is Hemat.
    await ok(api("POST", "/billing/downgrade", { packageId: hemat }));
    const db = k.database.db;
    const now = k.services.billing.now();
    await db.transaction((tx) =>
      applyPaid(
        tx,
        user.tenantId,
        { kind: "renewal", packageId: hemat, cycle: "monthly" },
        now,
        "Asia/Jakarta",
      ),
    );
    const again = await api("DELETE", "/billing/downgrade");
    expect([again.status, errorOf(again).code]).toEqual([409, "renewal_already_paid"]);
    let sub = await subscriptionOf(db, user.tenantId);
    expect([sub!.package.code, sub!.nextPackageId]).toEqual(["pro", hemat]);
    // When the paid period begins, the sweep's step moves the shop to Hemat with its allowance.
    const later = new Date(sub!.periodStart.getTime() + 60_000);
    await db.transaction((tx) => advanceSubscription(tx, user.tenantId, later, 3, "Asia/Jakarta"));
    sub = await subscriptionOf(db, user.tenantId);
    expect([sub!.package.code, sub!.nextPackageId]).toEqual(["hemat", null]);
    expect((await quotaBalance(db, user.tenantId))?.periodUnits).toBe(500);
  });

  it("reactivating a staff member beyond the limit is refused with 402 too", async () => {
    const { api, user } = await signUp(9);
    await onPackage(user.tenantId, "hemat");
    const a = await ok(
      api<{ id: string }>("POST", "/users", { email: "r1@toko.test", name: "R1", role: "agent" }),
      201,
    );
    await ok(api("PATCH", `/users/${a.id}`, { active: false }));
    await ok(api("POST", "/users", { email: "r2@toko.test", name: "R2", role: "agent" }), 201);
    const back = await api("PATCH", `/users/${a.id}`, { active: true });
    expect(back.status).toBe(402);
    expect(errorOf(back).details).toEqual({ limit: "staff", allowed: 2 });
    const row = await k.database.db.execute<{ off: boolean }>(
      sql`SELECT deactivated_at IS NOT NULL AS off FROM users WHERE id = ${a.id}`,
    );
    expect(row.rows[0]!.off).toBe(true);
  });

  it("sign-up and platform sign-in from another origin are refused (403 cross_origin_request)", async () => {
    const anon = apiClient(k.http!, null);
    const evil = { headers: { origin: "https://jahat.example" } };
    const s = await anon("POST", "/signup", signUpBody(10), evil);
    const p = await anon(
      "POST",
      "/platform/auth/sign-in",
      { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      evil,
    );
    expect([s.status, errorOf(s).code, p.status, errorOf(p).code]).toEqual([
      403,
      "cross_origin_request",
      403,
      "cross_origin_request",
    ]);
    const cookie = apiClient(k.http!, { cookie: platformCookie });
    const forged = await cookie(
      "POST",
      "/platform/shops/00000000-0000-4000-8000-000000000000/resume",
      {},
      evil,
    );
    expect(forged.status).toBe(403);
  });

  it("sign-up is rate-limited per client address (429), failed attempts counted too", async () => {
    const anon = apiClient(k.http!, null);
    const codes: number[] = [];
    for (let i = 0; i < 41; i++) codes.push((await anon("POST", "/signup", {})).status);
    expect(codes.at(-1)).toBe(429);
    expect(new Set(codes)).toEqual(new Set([400, 429]));
  });
});

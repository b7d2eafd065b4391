/**
 * The fuzz suite over SaaS mode's routes (issue 14), generated from the route lists like
 * test/api-validation.test.ts's over API_ROUTES (which runs in single mode, where these answer
 * 404 billing_off): every SaaS-only shop route and every platform console route gets random
 * JSON shapes, mutations of a body it accepts, odd ids and random query strings — and never
 * answers 500. Real PostgreSQL through startTestKabar in SaaS mode.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiClient, errorOf, ok, SAME_ORIGIN } from "./support/api.js";
import { FUZZ_ATOMS, FUZZ_KEYS, fuzzer } from "./support/fuzz.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import {
  API_ROUTES,
  fillPath,
  PLATFORM_ROUTES,
  PUBLIC_ROUTES,
  type RouteSpec,
  routeKey,
} from "./support/routes.js";

const ADMIN_EMAIL = "admin@fuzz.test";
const ADMIN_PASSWORD = "rahasia-fuzz-platform";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

/** The shop routes that exist only in SaaS mode (billing, sign-up). */
const SAAS_ROUTES = API_ROUTES.filter((r) => r.path.startsWith("/billing") || r.path === "/signup");

let k: TestKabar;
let owner: Api;
let platform: Api;
const anonymous = () => apiClient(k.http!, null);
const ids: { tenantId: string; packageId: string; topupPackId: string } = {
  tenantId: "",
  packageId: "",
  topupPackId: "",
};

beforeAll(async () => {
  k = await startTestKabar({
    KABAR_MODE: "saas",
    KABAR_PLATFORM_ADMIN_EMAIL: ADMIN_EMAIL,
    KABAR_PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KABAR_SIGN_UP_PER_HOUR: "1000",
    KABAR_SIGN_IN_PER_MINUTE: "1000",
  });
  const signIn = await anonymous()(
    "POST",
    "/platform/auth/sign-in",
    { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    {
      headers: { origin: SAME_ORIGIN },
    },
  );
  expect(signIn.status, signIn.text).toBe(200);
  platform = apiClient(k.http!, { cookie: String(signIn.headers["set-cookie"]).split(";")[0]! });
  const up = await anonymous()(
    "POST",
    "/signup",
    {
      shopName: "Toko Fuzz",
      ownerName: "Pemilik Fuzz",
      email: "pemilik@fuzz.test",
      phone: "081234567099",
      password: "rahasia-fuzz-1",
    },
    { headers: { origin: SAME_ORIGIN } },
  );
  expect(up.status, up.text).toBe(201);
  owner = apiClient(k.http!, { cookie: String(up.headers["set-cookie"]).split(";")[0]! });
  ids.tenantId = (up.body as { user: { tenantId: string } }).user.tenantId;
  const packages = await ok(
    platform<{ packages: { id: string; isTrial: boolean }[] }>("GET", "/platform/packages"),
  );
  ids.packageId = packages.packages.find((p) => !p.isTrial)!.id;
  const packs = await ok(platform<{ topupPacks: { id: string }[] }>("GET", "/platform/topup-packs"));
  ids.topupPackId = packs.topupPacks[0]!.id;
});
afterAll(() => k?.close());

/** Who calls a route: the platform admin, nobody (public routes) or the shop's owner. */
function clientOf(route: RouteSpec): Api {
  if (route.path.startsWith("/platform/")) return platform;
  return PUBLIC_ROUTES.includes(routeKey(route)) ? anonymous() : owner;
}

/** The id a route's path takes: mostly a real one, sometimes unknown or not a uuid. */
function idFor(route: RouteSpec, roll: number): string {
  if (roll < 0.1) return UNKNOWN_ID;
  if (roll < 0.15) return "bukan-uuid";
  if (route.path.startsWith("/platform/shops")) return ids.tenantId;
  if (route.path.startsWith("/platform/topup-packs")) return ids.topupPackId;
  return ids.packageId;
}

describe("no request to a SaaS or platform route makes a 500", () => {
  it("random JSON shapes and mutated valid bodies on every write route answer below 500", async () => {
    const { next, shape, mutate } = fuzzer(20261207, FUZZ_KEYS, [
      ...FUZZ_ATOMS,
      ...Object.values(ids),
      "topup",
      "upgrade",
      "renewal",
      "monthly",
      "yearly",
      "settlement",
      "capture",
      [],
      {},
    ]);
    /** A body each route accepts; the fuzz mutates it so requests get past the schema too. */
    const validBody: Record<string, () => unknown> = {
      "POST /billing/checkout": () =>
        next() < 0.5
          ? { kind: "topup", topupPackId: ids.topupPackId }
          : { kind: "upgrade", packageId: ids.packageId, cycle: "monthly" },
      "POST /billing/downgrade": () => ({ packageId: ids.packageId, cycle: "monthly" }),
      "POST /billing/midtrans/notification": () => ({
        order_id: `KBR-${Math.floor(next() * 1e9)}`,
        status_code: "200",
        gross_amount: "100000.00",
        signature_key: "a".repeat(128),
        transaction_status: "settlement",
        fraud_status: "accept",
      }),
      "POST /signup": () => ({
        shopName: "Toko Acak",
        ownerName: "Acak",
        email: `acak-${Math.floor(next() * 1e9)}@fuzz.test`,
        phone: "081234567098",
        password: "rahasia-acak-1",
      }),
      "POST /platform/auth/sign-in": () => ({ email: ADMIN_EMAIL, password: "salah-sandi" }),
      "POST /platform/shops/:id/suspend": () => ({ reason: "Fuzz" }),
      "POST /platform/packages": () => ({
        code: `p${Math.floor(next() * 1e9)}`,
        name: "Paket Acak",
        priceMonthly: 10_000,
        priceYearly: 100_000,
        messageQuota: 100,
        numbersLimit: 1,
        staffLimit: 1,
        contactsLimit: 10,
        modules: ["broadcast", "inbox"],
      }),
      "PATCH /platform/packages/:id": () => ({ name: "Paket Ubah", priceMonthly: 20_000 }),
      "POST /platform/topup-packs": () => ({
        code: `t${Math.floor(next() * 1e9)}`,
        name: "Isi Ulang",
        units: 10,
        price: 5_000,
      }),
      "PATCH /platform/topup-packs/:id": () => ({ price: 4_000 }),
    };
    const routes = [...SAAS_ROUTES, ...PLATFORM_ROUTES].filter(
      // Signing out would end the session the suite runs in.
      (r) => r.method !== "GET" && routeKey(r) !== "POST /platform/auth/sign-out",
    );
    // Every write route of both lists is fuzzed (a new one needs no edit here to be covered).
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const failures: string[] = [];
    for (const route of routes) {
      const valid = validBody[routeKey(route)];
      for (let i = 0; i < 40; i++) {
        const body = valid && i % 4 !== 0 ? mutate(valid()) : shape();
        const path = fillPath(route.path, { id: idFor(route, next()) });
        const r = await clientOf(route)(route.method, path, JSON.stringify(body), {
          headers: { "content-type": "application/json", origin: SAME_ORIGIN },
        });
        if (r.status >= 500)
          failures.push(
            `${route.method} ${path} ${JSON.stringify(body).slice(0, 300)} → ${r.status} ${r.text}`,
          );
      }
    }
    expect(failures).toEqual([]);
    // The owner is still the owner of a working shop: an unknown package is named, never another's data.
    const unknown = await owner("POST", "/billing/downgrade", { packageId: UNKNOWN_ID });
    expect(errorOf(unknown).code).toBe("package_not_found");
  });

  it("random query strings and ids on every read route answer below 500", async () => {
    const { next, pick } = fuzzer(7, FUZZ_KEYS, FUZZ_ATOMS);
    const values = ["", "0", "-1", "2.5", "abc", "true", "%25", "_", "trialing", "paid", "a".repeat(200)];
    const routes = [...SAAS_ROUTES, ...PLATFORM_ROUTES].filter((r) => r.method === "GET");
    expect(routes.length).toBeGreaterThanOrEqual(9);
    const failures: string[] = [];
    for (const route of routes)
      for (let i = 0; i < 15; i++) {
        const qs = new URLSearchParams();
        for (const key of ["search", "status", "page", "pageSize", "from", "to", "payment"])
          if (next() < 0.4) qs.set(key, pick(values));
        const path = `${fillPath(route.path, { id: idFor(route, next()) })}?${qs.toString()}`;
        const r = await clientOf(route)("GET", path);
        if (r.status >= 500) failures.push(`GET ${path} → ${r.status} ${r.text}`);
      }
    expect(failures).toEqual([]);
  });
});

import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { sessions } from "../src/db/schema/index.js";
import { OWNER_EMAIL, OWNER_PASSWORD, startTestKabar, type TestKabar } from "./support/kabar.js";
import { apiClient, errorOf, signIn, untilConnected, type Api, type ErrorBody } from "./support/api.js";
import {
  API_ROUTES,
  PLATFORM_ROUTES,
  PUBLIC_ROUTES,
  apiRoutesFromOpenApi,
  fillPath,
  routeKey,
} from "./support/routes.js";
import { factory } from "./support/factory.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { TenantDto } from "../src/modules/tenants/service.js";

const AGENT_EMAIL = "agen@toko-contoh.test";
const AGENT_PASSWORD = "agen-rahasia-456";

let k: TestKabar;
let owner: Api;
let anon: Api;
let agent: Api;
let channelId: string;

beforeAll(async () => {
  k = await startTestKabar();
  owner = apiClient(k.http!, { cookie: k.cookie });
  anon = apiClient(k.http!, null);
  await factory(k).user("agent", { email: AGENT_EMAIL, password: AGENT_PASSWORD });
  const signedIn = await signIn(k.http!, AGENT_EMAIL, AGENT_PASSWORD);
  expect(signedIn.status).toBe(200);
  agent = apiClient(k.http!, { cookie: signedIn.cookie });
  channelId = (await owner<ChannelDto[]>("GET", "/channels")).body[0]!.id;
  await untilConnected(owner, channelId);
});
afterAll(async () => k?.close());

describe("sign-in", () => {
  it("signs the seeded owner in and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const r = await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD);
    expect(r.status).toBe(200);
    const body = r.body as {
      user: { email: string; role: string; tenantId: string };
      token: string;
      expiresAt: string;
    };
    expect(body.user).toMatchObject({ email: OWNER_EMAIL, role: "owner", tenantId: k.owner.tenantId });
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(r.cookie).toBe(`kabar_session=${body.token}`);
    const attributes = r.setCookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    const me = await apiClient(k.http!, { cookie: r.cookie })<{ user: { email: string } }>("GET", "/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(OWNER_EMAIL);
  });

  it("accepts the email in another letter case", async () => {
    expect((await signIn(k.http!, OWNER_EMAIL.toUpperCase(), OWNER_PASSWORD)).status).toBe(200);
  });

  it("answers a wrong password and an unknown email the same way: 401 invalid_credentials, no cookie", async () => {
    const wrong = await signIn(k.http!, OWNER_EMAIL, "salah-sandi");
    const unknown = await signIn(k.http!, "tidak-ada@toko-contoh.test", OWNER_PASSWORD);
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.setCookie).toBe("");
    }
    expect((wrong.body as ErrorBody).error.code).toBe("invalid_credentials");
    expect(unknown.body).toEqual(wrong.body);
    expect((wrong.body as ErrorBody).error.message).toBe("Email atau kata sandi salah");
    const en = await signIn(k.http!, OWNER_EMAIL, "salah-sandi", { headers: { "accept-language": "en" } });
    expect((en.body as ErrorBody).error).toEqual({
      code: "invalid_credentials",
      message: "Wrong email or password",
    });
  });

  it("refuses a malformed sign-in body with 400 naming the field", async () => {
    const r = await anon("POST", "/auth/sign-in", { email: "bukan-email", password: "" });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe("validation_failed");
    expect(Object.keys(errorOf(r).fields ?? {})).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("limits sign-in attempts per client address: the 11th within a minute gets 429, whatever X-Forwarded-For says", async () => {
    // Each guess names another e-mail, so the per-account throttle (sign-in-throttle.test.ts) stays out of it.
    const attempt = (i: number, password = "tebak-tebak") =>
      k.http!.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        remoteAddress: "192.0.2.77",
        headers: { "x-forwarded-for": `198.51.100.${i}` },
        payload: { email: i < 10 ? `tebakan-${i}@toko-contoh.test` : OWNER_EMAIL, password },
      });
    for (let i = 0; i < 10; i++) expect((await attempt(i)).statusCode).toBe(401);
    expect((await attempt(10)).statusCode).toBe(429);
    // Even the right password is refused while the limit holds: guessing cannot continue.
    expect((await attempt(11, OWNER_PASSWORD)).statusCode).toBe(429);
    // Another address is not affected.
    expect((await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD)).status).toBe(200);
  });

  it("answers the sign-in rate limit with a stable code and a message in Bahasa Indonesia", async () => {
    let last: ErrorBody | undefined;
    for (let i = 0; i < 11; i++) {
      const r = await k.http!.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        remoteAddress: "192.0.2.78",
        payload: { email: `tebakan-lagi-${i}@toko-contoh.test`, password: "x" },
      });
      last = r.json() as ErrorBody;
    }
    expect(last!.error.code).toBe("rate_limited");
    expect(last!.error.message).not.toMatch(/Rate limit exceeded/);
  });
});

describe("sessions", () => {
  it("the route list of these tests is every /api/v1 route the app serves", () => {
    expect([...API_ROUTES, ...PLATFORM_ROUTES].map(routeKey).sort()).toEqual(apiRoutesFromOpenApi(k.http!));
  });

  it("every /api/v1 route except sign-in, sign-out and the session check answers 401 without a valid session", async () => {
    const bogusCookie = apiClient(k.http!, { cookie: "kabar_session=palsu" });
    const bogusBearer = apiClient(k.http!, { bearer: "palsu" });
    const protectedRoutes = API_ROUTES.filter((r) => !PUBLIC_ROUTES.includes(routeKey(r)));
    expect(protectedRoutes.length).toBe(API_ROUTES.length - PUBLIC_ROUTES.length);
    for (const route of protectedRoutes) {
      const path = fillPath(route.path, { id: channelId });
      const payload = route.method === "GET" || route.method === "DELETE" ? undefined : {};
      for (const client of [anon, bogusCookie, bogusBearer]) {
        const r = await client(route.method, path, payload);
        expect({ route: routeKey(route), status: r.status, code: errorOf(r)?.code }).toEqual({
          route: routeKey(route),
          status: 401,
          code: "unauthenticated",
        });
      }
    }
  });

  it("a Bearer token works like the cookie", async () => {
    const { token } = await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD);
    const bearer = apiClient(k.http!, { bearer: token });
    const me = await bearer<{ user: { email: string } }>("GET", "/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(OWNER_EMAIL);
    expect((await bearer<{ total: number }>("GET", "/contacts")).body.total).toBeGreaterThan(0);
  });

  it("sign-out ends the session: the same cookie, and its token as Bearer, then get 401", async () => {
    const s = await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD);
    const client = apiClient(k.http!, { cookie: s.cookie });
    expect((await client("GET", "/auth/me")).status).toBe(200);
    const out = await client("POST", "/auth/sign-out");
    expect(out.status).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/^kabar_session=;/);
    expect((await client("GET", "/auth/me")).status).toBe(401);
    expect((await apiClient(k.http!, { bearer: s.token })("GET", "/contacts")).status).toBe(401);
    // The owner's other sessions are untouched; signing out without a session is harmless.
    expect((await owner("GET", "/auth/me")).status).toBe(200);
    expect((await anon("POST", "/auth/sign-out")).status).toBe(204);
  });

  it("the session check answers who is signed in, and null (not a 401) when nobody is", async () => {
    const s = await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD);
    const client = apiClient(k.http!, { cookie: s.cookie });
    const signedIn = await client<{ user: { email: string } | null }>("GET", "/auth/session");
    expect({ status: signedIn.status, email: signedIn.body.user?.email }).toEqual({
      status: 200,
      email: OWNER_EMAIL,
    });
    for (const nobody of [anon, apiClient(k.http!, { cookie: "kabar_session=palsu" })]) {
      const r = await nobody<{ user: unknown }>("GET", "/auth/session");
      expect({ status: r.status, body: r.body }).toEqual({ status: 200, body: { user: null } });
    }
    await client("POST", "/auth/sign-out");
    expect((await client<{ user: unknown }>("GET", "/auth/session")).body).toEqual({ user: null });
  });

  it("sign-out with a Bearer token ends that session", async () => {
    const s = await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD);
    const bearer = apiClient(k.http!, { bearer: s.token });
    expect((await bearer("POST", "/auth/sign-out")).status).toBe(204);
    expect((await bearer("GET", "/auth/me")).status).toBe(401);
  });

  it("refuses an expired session", async () => {
    const s = await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD);
    const hash = createHash("sha256").update(s.token).digest("hex");
    await k.database.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.tokenHash, hash));
    expect((await apiClient(k.http!, { cookie: s.cookie })("GET", "/auth/me")).status).toBe(401);
  });

  it("a percent-encoded path does not skip the session check", async () => {
    const raw = (url: string, headers: Record<string, string> = {}) =>
      k.http!.inject({ method: "GET", url, headers });
    expect((await raw("/%61pi/v1/channels/pacing-presets")).statusCode).toBe(401);
    expect((await raw("/%61pi/v1/contacts")).statusCode).toBe(401);
    expect((await raw("/%61pi/v1/contacts", { cookie: k.cookie })).statusCode).toBe(200);
  });
});

describe("roles", () => {
  it("an agent can work contacts and the inbox", async () => {
    const me = await agent<{ user: { role: string } }>("GET", "/auth/me");
    expect(me.body.user.role).toBe("agent");
    expect((await agent<{ total: number }>("GET", "/contacts")).body.total).toBeGreaterThan(0);
    const created = await agent<{ id: string }>("POST", "/contacts", {
      phone: "081377700001",
      name: "Pelanggan Agen",
    });
    expect(created.status).toBe(201);
    expect((await agent("PATCH", `/contacts/${created.body.id}`, { labels: ["dari-agen"] })).status).toBe(
      200,
    );
    expect((await agent("GET", "/conversations")).status).toBe(200);
    expect((await agent("GET", "/channels")).status).toBe(200);
  });

  it("an agent gets 403 forbidden on owner-only actions, and nothing changes", async () => {
    const tenantBefore = (await owner<TenantDto>("GET", "/tenant")).body;
    const channelsBefore = (await owner<ChannelDto[]>("GET", "/channels")).body;
    const attempts: Array<[string, Promise<{ status: number; body: unknown }>]> = [
      ["create channel", agent("POST", "/channels", { name: "Nomor Agen" })],
      ["update tenant", agent("PATCH", "/tenant", { name: "Toko Agen" })],
      ["inject sandbox fault", agent("POST", `/sandbox/channels/${channelId}/faults`, { type: "ban" })],
      ["logout channel", agent("POST", `/channels/${channelId}/logout`)],
      ["change pacing", agent("PATCH", `/channels/${channelId}`, { pacingPreset: "off" })],
      ["disconnect channel", agent("POST", `/channels/${channelId}/disconnect`)],
      ["create template", agent("POST", "/templates", { name: "Agen", body: "Halo" })],
      [
        "create campaign",
        agent("POST", "/campaigns", { name: "Agen", channelId, body: "Halo", audience: { type: "all" } }),
      ],
    ];
    for (const [what, p] of attempts) {
      const r = await p;
      expect({ what, status: r.status, code: (r.body as ErrorBody).error?.code }).toEqual({
        what,
        status: 403,
        code: "forbidden",
      });
    }
    expect((await owner<TenantDto>("GET", "/tenant")).body).toEqual(tenantBefore);
    expect((await owner<unknown[]>("GET", "/campaigns")).body).toHaveLength(0);
    expect((await owner<unknown[]>("GET", "/templates")).body).toHaveLength(0);
    const channelsAfter = (await owner<ChannelDto[]>("GET", "/channels")).body;
    expect(channelsAfter.map((c) => [c.id, c.name, c.pacingPreset, c.status])).toEqual(
      channelsBefore.map((c) => [c.id, c.name, c.pacingPreset, "connected"]),
    );
  });
});

describe("language", () => {
  it("errors come in Bahasa Indonesia by default and in English with Accept-Language: en", async () => {
    const missing = "/contacts/00000000-0000-4000-8000-000000000000";
    const cases: Array<{
      client: Api;
      method: "GET" | "POST" | "PATCH";
      path: string;
      payload?: unknown;
      id: string;
      en: string;
    }> = [
      {
        client: anon,
        method: "GET",
        path: "/contacts",
        id: "Silakan masuk terlebih dahulu",
        en: "Please sign in first",
      },
      { client: owner, method: "GET", path: missing, id: "Kontak tidak ditemukan", en: "contact not found" },
      {
        client: agent,
        method: "PATCH",
        path: "/tenant",
        payload: { name: "x" },
        id: "Anda tidak punya izin untuk tindakan ini",
        en: "You do not have permission for this action",
      },
      {
        client: owner,
        method: "POST",
        path: "/contacts",
        payload: {},
        id: "Data tidak valid: phone",
        en: "Invalid input: phone",
      },
      {
        client: owner,
        method: "POST",
        path: "/contacts",
        payload: { phone: "abc" },
        id: "Nomor telepon tidak valid: contains letters",
        en: "Invalid phone number: contains letters",
      },
    ];
    for (const c of cases) {
      expect(errorOf(await c.client(c.method, c.path, c.payload)).message).toBe(c.id);
      expect(
        errorOf(await c.client(c.method, c.path, c.payload, { headers: { "accept-language": "en" } }))
          .message,
      ).toBe(c.en);
    }
    // A browser's usual header: English first means English; Indonesian first means Indonesian.
    expect(
      errorOf(
        await owner("GET", missing, undefined, { headers: { "accept-language": "en-US,en;q=0.9,id;q=0.8" } }),
      ).message,
    ).toBe("contact not found");
    expect(
      errorOf(
        await owner("GET", missing, undefined, { headers: { "accept-language": "id-ID,id;q=0.9,en;q=0.8" } }),
      ).message,
    ).toBe("Kontak tidak ditemukan");
  });
});

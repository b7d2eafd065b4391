import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiKeyDto, CreatedApiKeyDto } from "../src/modules/api-keys/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { addTenant, apiClient, errorOf, ok, signIn, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { connected } from "./support/sockets.js";

/**
 * API keys (issue 12): the owner makes keys shown once and stored hashed; a machine client
 * sends `Authorization: Bearer kbr_live_…` and reaches only the routes that accept keys,
 * within its scopes and its rate; a revoked key is refused at once.
 */

/** Requests per minute per key in this file's Kabar (KABAR_API_KEY_RATE). */
const RATE = 6;

let dbUrl: string;
let k: TestKabar;
/** A second Kabar process on the same database. */
let other: TestKabar;
let owner: Api;
let url: string;

const create = (name: string, scopes: string[]) =>
  ok(owner<CreatedApiKeyDto>("POST", "/api-keys", { name, scopes }), 201);
const list = () => ok(owner<ApiKeyDto[]>("GET", "/api-keys"));
const withKey = (key: string) => apiClient(k.http!, { bearer: key });
/** A test number: +62 813 7770 nnnn (no demo customer uses this range). */
const num = (n: number) => `+6281377700${String(n).padStart(3, "0")}`;

beforeAll(async () => {
  dbUrl = await createTestDatabase();
  k = await startTestKabar(
    { HOST: "127.0.0.1", PORT: "0", KABAR_API_KEY_RATE: String(RATE) },
    { listen: true },
    dbUrl,
  );
  other = await startTestKabar({}, { channels: false }, dbUrl);
  url = `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;
  owner = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => {
  await other?.close();
  await k?.close();
  if (dbUrl) await dropTestDatabase(dbUrl);
});

describe("API keys", () => {
  it("shows a new key whole once; the list shows its prefix, scopes and maker, never the key or its hash", async () => {
    const answer = await owner<CreatedApiKeyDto>("POST", "/api-keys", {
      name: "Website toko",
      scopes: ["orders:write", "contacts:read"],
    });
    expect(answer.status).toBe(201);
    // The whole key is in this answer only: no cache may keep it.
    expect(answer.headers["cache-control"]).toBe("no-store");
    const made = answer.body;
    expect(made.key).toMatch(/^kbr_live_[A-Za-z0-9_-]{43}$/);
    expect(made).toMatchObject({
      name: "Website toko",
      prefix: made.key.slice(0, 13),
      scopes: ["orders:write", "contacts:read"],
      createdByName: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    const r = await owner("GET", "/api-keys");
    expect(r.status).toBe(200);
    expect(r.text).not.toContain(made.key);
    expect(r.text).not.toContain(made.key.slice(13));
    const listed = (r.body as ApiKeyDto[]).find((x) => x.id === made.id)!;
    const { key: _key, ...shown } = made;
    expect(listed).toEqual(shown);
    expect(Object.keys(listed)).not.toContain("keyHash");
  });

  it("refuses a bad body with a 400 naming the field", async () => {
    for (const [body, field] of [
      [{ name: "", scopes: ["orders:write"] }, "name"],
      [{ name: "Web", scopes: [] }, "scopes"],
      [{ name: "Web", scopes: ["orders:delete"] }, "scopes.0"],
      [{ name: "Web", scopes: ["orders:read", "orders:read"] }, "scopes"],
    ] as const) {
      const r = await owner("POST", "/api-keys", body);
      expect({ body, status: r.status, code: errorOf(r).code }).toEqual({
        body,
        status: 400,
        code: "validation_failed",
      });
      expect(Object.keys(errorOf(r).fields ?? {})).toContain(field);
    }
  });

  it("opens a route that accepts keys within its scope, for its own shop only", async () => {
    const { key } = await create("Baca dan tulis kontak", ["contacts:read", "contacts:write"]);
    const api = withKey(key);
    const made = await ok(api<ContactDto>("POST", "/contacts", { phone: num(1), name: "Dari Website" }), 201);
    expect(await ok(api<ContactDto>("GET", `/contacts/${made.id}`))).toMatchObject({ phone: num(1) });
    expect(
      await ok(api<ContactDto>("PATCH", `/contacts/${made.id}`, { name: "Pelanggan Web" })),
    ).toMatchObject({
      name: "Pelanggan Web",
    });
    const page = await ok(
      api<{ items: ContactDto[] }>("GET", `/contacts?search=${encodeURIComponent(num(1))}`),
    );
    expect(page.items.map((c) => c.id)).toEqual([made.id]);
    // The person sees what the key made, in the same shop.
    expect(await ok(owner<ContactDto>("GET", `/contacts/${made.id}`))).toMatchObject({
      name: "Pelanggan Web",
    });
    // Another shop's contact is not there for this key.
    const other = await addTenant(k, "Toko Lain", "pemilik@toko-lain-kunci.test", "rahasia-lain-123");
    const theirs = await ok(other.api<ContactDto>("POST", "/contacts", { phone: num(2) }), 201);
    expect((await api("GET", `/contacts/${theirs.id}`)).status).toBe(404);
  });

  it("refuses a verb the key's scopes do not cover: 403 missing_scope", async () => {
    const { key } = await create("Hanya baca", ["contacts:read"]);
    const api = withKey(key);
    expect((await api("GET", "/contacts")).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", "/contacts", { phone: num(3) }],
      [
        "PATCH",
        `/contacts/${(await ok(owner<ContactDto>("POST", "/contacts", { phone: num(4) }), 201)).id}`,
        { name: "X" },
      ],
    ] as const) {
      const r = await api(method, path, body);
      expect({ path, status: r.status, code: errorOf(r).code }).toEqual({
        path,
        status: 403,
        code: "missing_scope",
      });
      expect(errorOf(r).message).toContain("contacts:write");
    }
    const writer = withKey((await create("Hanya tulis", ["contacts:write"])).key);
    const r = await writer("GET", "/contacts");
    expect([r.status, errorOf(r).code]).toEqual([403, "missing_scope"]);
  });

  it("never opens a route that does not accept keys (the web app's): 403 api_key_not_allowed", async () => {
    const { key } = await create("Semua izin", [
      "orders:write",
      "orders:read",
      "contacts:read",
      "contacts:write",
      "messages:send",
    ]);
    const api = withKey(key);
    for (const [method, path, body] of [
      ["GET", "/auth/me", undefined],
      ["GET", "/tenant", undefined],
      ["PATCH", "/tenant", { name: "Diambil alih" }],
      ["GET", "/campaigns", undefined],
      ["GET", "/api-keys", undefined],
      ["POST", "/api-keys", { name: "Kunci kedua", scopes: ["orders:read"] }],
      ["POST", "/users", { email: "penyusup@contoh.test", name: "P", password: "rahasia-sekali" }],
      ["GET", "/contacts/export", undefined],
      ["DELETE", "/contacts/00000000-0000-4000-8000-000000000000", undefined],
    ] as const) {
      const r = await api(method, path, body);
      expect({ path, status: r.status, code: errorOf(r).code }).toEqual({
        path,
        status: 403,
        code: "api_key_not_allowed",
      });
    }
    // The API documentation (signed in only) is not for keys either.
    expect(
      (await k.http!.inject({ url: "/docs/json", headers: { authorization: `Bearer ${key}` } })).statusCode,
    ).toBe(401);
  });

  it("the API documentation lists an API key as a way in on the routes that accept one, and only there", async () => {
    const doc = k.http!.swagger() as {
      paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>;
    };
    const withKey = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.security?.some((s) => "apiKey" in s))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(withKey).toEqual(
      expect.arrayContaining([
        "GET /api/v1/contacts",
        "GET /api/v1/contacts/{id}",
        "PATCH /api/v1/contacts/{id}",
        "POST /api/v1/contacts",
      ]),
    );
    // The web app's routes do not (orders' routes join the list when they accept keys).
    const webOnly =
      /^\w+ \/api\/v1\/(auth|tenant|api-keys|users|campaigns|channels|inbox|conversations|templates)\b/;
    expect(withKey.filter((r) => webOnly.test(r))).toEqual([]);
    expect(withKey.filter((r) => r.includes("/contacts/export") || r.includes("/contacts/imports"))).toEqual(
      [],
    );
  });

  it("refuses an unknown key and, at once and in every process, a revoked one: 401; the list shows when it was revoked", async () => {
    const { id, key } = await create("Akan dicabut", ["contacts:read"]);
    const api = withKey(key);
    const elsewhere = apiClient(other.http!, { bearer: key });
    expect((await api("GET", "/contacts")).status).toBe(200);
    expect((await elsewhere("GET", "/contacts")).status).toBe(200);
    expect((await owner("DELETE", `/api-keys/${id}`)).status).toBe(204);
    for (const client of [api, elsewhere]) {
      const r = await client("GET", "/contacts");
      expect([r.status, errorOf(r).code]).toEqual([401, "unauthenticated"]);
    }
    expect((await list()).find((x) => x.id === id)?.revokedAt).toEqual(expect.any(String));
    // Revoking again changes nothing.
    expect((await owner("DELETE", `/api-keys/${id}`)).status).toBe(204);
    const unknown = await withKey(`kbr_live_${"A".repeat(43)}`)("GET", "/contacts");
    expect([unknown.status, errorOf(unknown).code]).toEqual([401, "unauthenticated"]);
  });

  it("answers 404 when revoking another shop's key, which keeps working", async () => {
    const other = await addTenant(k, "Toko Kunci", "pemilik@toko-kunci.test", "rahasia-kunci-123");
    const theirs = await ok(
      other.api<CreatedApiKeyDto>("POST", "/api-keys", { name: "Web", scopes: ["contacts:read"] }),
      201,
    );
    const r = await owner("DELETE", `/api-keys/${theirs.id}`);
    expect([r.status, errorOf(r).code]).toEqual([404, "api_key_not_found"]);
    expect((await list()).map((x) => x.id)).not.toContain(theirs.id);
    expect((await withKey(theirs.key)("GET", "/contacts")).status).toBe(200);
  });

  it("lets only owners manage keys: an agent gets 403", async () => {
    const agent = await factory(k).user("agent");
    const { cookie } = await signIn(k.http!, agent.email, agent.password);
    const api = apiClient(k.http!, { cookie });
    const { id } = await create("Milik pemilik", ["orders:read"]);
    for (const [method, path, body] of [
      ["POST", "/api-keys", { name: "Agen", scopes: ["orders:read"] }],
      ["GET", "/api-keys", undefined],
      ["DELETE", `/api-keys/${id}`, undefined],
    ] as const) {
      const r = await api(method, path, body);
      expect({ path, status: r.status, code: errorOf(r).code }).toEqual({
        path,
        status: 403,
        code: "forbidden",
      });
    }
  });

  it(`limits each key to KABAR_API_KEY_RATE (${RATE}) requests a minute: 429 with Retry-After, in both languages; other keys go on`, async () => {
    const busy = withKey((await create("Sibuk", ["contacts:read"])).key);
    for (let i = 0; i < RATE; i++) {
      const r = await busy("GET", "/contacts");
      expect(r.status).toBe(200);
      // Each answer says what is left of the minute.
      expect([r.headers["x-ratelimit-limit"], r.headers["x-ratelimit-remaining"]]).toEqual([
        String(RATE),
        String(RATE - 1 - i),
      ]);
    }
    const over = await busy("GET", "/contacts");
    expect([over.status, errorOf(over).code]).toEqual([429, "api_key_rate_limited"]);
    expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(over.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(errorOf(over).message).toContain(`${RATE}`);
    const english = await busy("GET", "/contacts", undefined, { headers: { "accept-language": "en" } });
    expect(errorOf(english).message).toMatch(/limit of 6 requests a minute/);
    // Another key of the same shop has its own count.
    expect((await withKey((await create("Tenang", ["contacts:read"])).key)("GET", "/contacts")).status).toBe(
      200,
    );
  });

  it("records when a key was last used, at most once a minute", async () => {
    const { id, key } = await create("Dipakai", ["contacts:read"]);
    const before = Date.now();
    expect((await withKey(key)("GET", "/contacts")).status).toBe(200);
    const first = (await list()).find((x) => x.id === id)!.lastUsedAt;
    expect(Date.parse(first!)).toBeGreaterThanOrEqual(before - 1000);
    expect((await withKey(key)("GET", "/contacts")).status).toBe(200);
    expect((await list()).find((x) => x.id === id)!.lastUsedAt).toBe(first);
  });

  it("never opens a Socket.IO connection with a key", async () => {
    const { key } = await create("Soket", ["contacts:read", "orders:read"]);
    for (const opts of [{ auth: { token: key } }, { extraHeaders: { cookie: `kabar_session=${key}` } }]) {
      const socket = connect(url, {
        transports: ["websocket"],
        reconnection: false,
        forceNew: true,
        ...opts,
      });
      try {
        await expect(connected(socket)).rejects.toThrow("unauthenticated");
        expect(socket.connected).toBe(false);
      } finally {
        socket.close();
      }
    }
  });
});

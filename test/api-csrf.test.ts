import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKabar, type TestKabar, OWNER_EMAIL, OWNER_PASSWORD } from "./support/kabar.js";
import { apiClient, errorOf, multipartBody, SAME_ORIGIN, signIn, type Api } from "./support/api.js";

/**
 * Forged requests from another site (issue 9 §4): an unsafe request signed in by cookie
 * must come from Kabar's own origin; API keys (Bearer) are exempt; the cookie is Secure and
 * `__Host-`-prefixed when Kabar is served over https.
 */

let k: TestKabar;
let api: Api;
const PUBLIC = "https://kabar.toko-contoh.test";

beforeAll(async () => {
  k = await startTestKabar({ KABAR_PUBLIC_URL: PUBLIC, KABAR_TRUST_PROXY: "true" });
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

const csv = () =>
  multipartBody([{ name: "file", filename: "palsu.csv", value: "name,phone\nPalsu,081299990001\n" }]);
const contacts = async () => (await api<{ total: number }>("GET", "/contacts")).body.total;

describe("forged requests", () => {
  it("a page of another origin (same host, other port) cannot import contacts with the owner's cookie: 403 cross_origin_request", async () => {
    const before = await contacts();
    const { payload, headers } = csv();
    for (const origin of ["http://localhost:8080", "null", "https://kabar.toko-contoh.test.evil.test"]) {
      const r = await api("POST", "/contacts/imports", payload, { headers: { ...headers, origin } });
      expect({ origin, status: r.status, code: errorOf(r)?.code }).toEqual({
        origin,
        status: 403,
        code: "cross_origin_request",
      });
    }
    // Without Origin, a Referer of another site is refused too; with neither, a cookie alone is not enough.
    const byReferer = await k.http!.inject({
      method: "POST",
      url: "/api/v1/contacts",
      headers: {
        cookie: k.cookie,
        "content-type": "application/json",
        referer: "http://localhost:8080/serang.html",
      },
      payload: { phone: "081299990002" },
    });
    expect(byReferer.statusCode).toBe(403);
    const bare = await k.http!.inject({
      method: "POST",
      url: "/api/v1/contacts",
      headers: { cookie: k.cookie, "content-type": "application/json" },
      payload: { phone: "081299990003" },
    });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().error.message).toMatch(/situs lain/);
    const en = await api("DELETE", `/templates/00000000-0000-4000-8000-000000000001`, undefined, {
      headers: { origin: "http://localhost:8080", "accept-language": "en" },
    });
    expect(errorOf(en)).toMatchObject({
      code: "cross_origin_request",
      message: expect.stringMatching(/another site/),
    });
    expect(await contacts()).toBe(before);
  });

  it("the same request from Kabar itself works: the public URL, the origin of the Host it was sent to, or a same-origin Referer", async () => {
    const { payload, headers } = csv();
    expect(
      (await api("POST", "/contacts/imports/preview", payload, { headers: { ...headers, origin: PUBLIC } }))
        .status,
    ).toBe(200);
    expect(
      (
        await api("POST", "/contacts/imports/preview", payload, {
          headers: { ...headers, origin: SAME_ORIGIN },
        })
      ).status,
    ).toBe(200);
    const viaReferer = await k.http!.inject({
      method: "POST",
      url: "/api/v1/contacts/imports/preview",
      payload,
      headers: { ...headers, cookie: k.cookie, referer: `${PUBLIC}/contacts/import` },
    });
    expect(viaReferer.statusCode).toBe(200);
    // A trusted proxy's https is part of the origin: http on that host is another origin.
    const proxied = { "x-forwarded-proto": "https", "x-forwarded-host": "toko.lan:8443" };
    expect(
      (
        await api("POST", "/contacts/imports/preview", payload, {
          headers: { ...headers, ...proxied, origin: "https://toko.lan:8443" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api("POST", "/contacts/imports/preview", payload, {
          headers: { ...headers, ...proxied, origin: "http://toko.lan:8443" },
        })
      ).status,
    ).toBe(403);
    // Safe methods need no proof.
    expect(
      (await api("GET", "/contacts", undefined, { headers: { origin: "http://localhost:8080" } })).status,
    ).toBe(200);
  });

  it("an API key (Bearer) is exempt: scripts send no Origin", async () => {
    const { token } = await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD);
    const bearer = apiClient(k.http!, { bearer: token });
    expect((await bearer("POST", "/contacts", { phone: "081299990004", name: "Skrip" })).status).toBe(201);
  });

  it("sign-in from another site is refused (no forced sign-in); a script without Origin still signs in", async () => {
    const forced = await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD, {
      headers: { origin: "http://localhost:8080" },
    });
    expect(forced.status).toBe(403);
    expect(forced.setCookie).toBe("");
    expect((await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD)).status).toBe(200);
  });
});

describe("the session cookie over https", () => {
  it("is Secure and named __Host-kabar_session when the public URL is https; it signs in and out", async () => {
    const s = await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD, { headers: { origin: PUBLIC } });
    expect(s.status).toBe(200);
    expect(s.cookie).toMatch(/^__Host-kabar_session=/);
    const attributes = s.setCookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "path=/", "samesite=lax"]));
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    const session = apiClient(k.http!, { cookie: s.cookie });
    expect((await session("GET", "/auth/me")).status).toBe(200);
    const out = await session("POST", "/auth/sign-out");
    expect(out.status).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/__Host-kabar_session=;/);
    expect((await session("GET", "/auth/me")).status).toBe(401);
  });

  it("over plain http without an https public URL it stays kabar_session, not Secure; behind a trusted https proxy it is Secure by itself", async () => {
    const plain = await startTestKabar({ KABAR_TRUST_PROXY: "true" }, {}, k.config.DATABASE_URL);
    try {
      const direct = await signIn(plain.http!, OWNER_EMAIL, OWNER_PASSWORD);
      expect(direct.cookie).toMatch(/^kabar_session=/);
      expect(direct.setCookie.toLowerCase()).not.toMatch(/;\s*secure/);
      const proxied = await signIn(plain.http!, OWNER_EMAIL, OWNER_PASSWORD, {
        headers: { "x-forwarded-proto": "https" },
      });
      expect(proxied.cookie).toMatch(/^__Host-kabar_session=/);
      expect(proxied.setCookie.toLowerCase()).toMatch(/;\s*secure/);
    } finally {
      await plain.close();
    }
  });
});

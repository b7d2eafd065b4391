import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../services.js";
import { buildHttp } from "./app.js";
import type { App, HttpOptions } from "./types.js";

/** Security headers and /docs access (issue 9 §7), on the real app with a stand-in session check ("good" is a live session). */
const services = {
  auth: {
    authenticate: async (token: string) => (token === "good" ? { actor: {}, user: {}, session: {} } : null),
  },
} as unknown as Services;

let dir: string;
const apps: App[] = [];
async function build(opts: Partial<HttpOptions> = {}): Promise<App> {
  const app = await buildHttp({
    services,
    logger: pino({ level: "silent" }),
    cookieSecure: false,
    sessionTtlHours: 1,
    webRoot: dir,
    ...opts,
  });
  apps.push(app);
  return app;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kabar-headers-"));
  writeFileSync(join(dir, "index.html"), '<!doctype html><div id="root"></div>');
});
afterAll(async () => {
  for (const app of apps) await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Content-Security-Policy", () => {
  it("the web app gets a CSP: own scripts only, inline styles (Mantine), images from data:/blob:/https:, connections to itself, no framing", async () => {
    const app = await build();
    const page = await app.inject({ method: "GET", url: "/inbox" });
    expect(page.statusCode).toBe(200);
    const csp = Object.fromEntries(
      String(page.headers["content-security-policy"])
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(" ")]),
    );
    expect(csp).toMatchObject({
      "default-src": "'self'",
      "script-src": "'self'",
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data: blob: https:",
      "connect-src": "'self'",
      "object-src": "'none'",
      "frame-ancestors": "'none'",
    });
    // A LAN install over plain http must keep loading its own files.
    expect(csp["upgrade-insecure-requests"]).toBeUndefined();
  });
});

describe("Strict-Transport-Security", () => {
  it("is not sent over plain http, nor for an X-Forwarded-Proto nobody trusts", async () => {
    const app = await build();
    expect(
      (await app.inject({ method: "GET", url: "/" })).headers["strict-transport-security"],
    ).toBeUndefined();
    expect(
      (await app.inject({ method: "GET", url: "/", headers: { "x-forwarded-proto": "https" } })).headers[
        "strict-transport-security"
      ],
    ).toBeUndefined();
  });

  it("is sent over https: a trusted proxy says so, or the request came to the host of an https public URL", async () => {
    const proxied = await build({ trustProxy: true });
    expect(
      (await proxied.inject({ method: "GET", url: "/", headers: { "x-forwarded-proto": "https" } })).headers[
        "strict-transport-security"
      ],
    ).toBe("max-age=31536000");
    expect(
      (await proxied.inject({ method: "GET", url: "/" })).headers["strict-transport-security"],
    ).toBeUndefined();
    const named = await build({ publicOrigin: "https://kabar.toko.test" });
    expect(
      (await named.inject({ method: "GET", url: "/", headers: { host: "kabar.toko.test" } })).headers[
        "strict-transport-security"
      ],
    ).toBe("max-age=31536000");
    expect(
      (await named.inject({ method: "GET", url: "/", headers: { host: "127.0.0.1:3000" } })).headers[
        "strict-transport-security"
      ],
    ).toBeUndefined();
  });
});

describe("/docs (KABAR_API_DOCS)", () => {
  it("signed_in (the default): 401 without a session, the document with one", async () => {
    const app = await build();
    const anon = await app.inject({ method: "GET", url: "/docs/json" });
    expect({ status: anon.statusCode, code: anon.json().error.code }).toEqual({
      status: 401,
      code: "unauthenticated",
    });
    expect((await app.inject({ method: "GET", url: "/docs" })).statusCode).toBe(401);
    // A browser opening the docs without a session is sent to sign in.
    const page = await app.inject({
      method: "GET",
      url: "/docs",
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect({ status: page.statusCode, location: page.headers.location }).toEqual({
      status: 302,
      location: "/sign-in",
    });
    expect(
      (await app.inject({ method: "GET", url: "/docs/json", headers: { cookie: "kabar_session=bad" } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: "GET", url: "/docs/json", headers: { cookie: "kabar_session=good" } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: "GET", url: "/docs/json", headers: { authorization: "Bearer good" } }))
        .statusCode,
    ).toBe(200);
  });

  it("public: anyone; off: not served at all", async () => {
    expect(
      (await (await build({ apiDocs: "public" })).inject({ method: "GET", url: "/docs/json" })).statusCode,
    ).toBe(200);
    const off = await build({ apiDocs: "off" });
    expect((await off.inject({ method: "GET", url: "/docs/json" })).statusCode).toBe(404);
    expect((await off.inject({ method: "GET", url: "/docs" })).statusCode).toBe(404);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../services.js";
import { buildHttp } from "./app.js";
import { WEB_APP_PAGES } from "./static.js";
import type { App } from "./types.js";

/** The HTTP app with no services: enough for what does not reach a route handler. */
const build = (webRoot: string) =>
  buildHttp({
    services: {} as Services,
    logger: pino({ level: "silent" }),
    cookieSecure: false,
    sessionTtlHours: 1,
    webRoot,
    apiDocs: "public",
  });

describe("the web app (dist/web)", () => {
  let dir: string;
  let app: App;
  const js = 'console.log("kabar");'.repeat(100);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kabar-web-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, "assets/index-AbCd1234.js"), js);
    writeFileSync(join(dir, "assets/index-AbCd1234.js.gz"), gzipSync(js));
    writeFileSync(join(dir, "favicon.svg"), "<svg/>");
    app = await build(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html at / and for client-side routes, never cached", async () => {
    for (const url of ["/", "/campaigns/123", "/sandbox/%2B6281100000001", "/sign-in?next=%2Fcontacts"]) {
      const r = await app.inject({ method: "GET", url });
      expect({ url, status: r.statusCode, body: r.body, cache: r.headers["cache-control"] }).toEqual({
        url,
        status: 200,
        body: '<!doctype html><div id="root"></div>',
        cache: "no-cache",
      });
      expect(r.headers["content-type"]).toMatch(/text\/html/);
    }
  });

  it("caches hashed assets for a year and sends the pre-compressed copy when accepted", async () => {
    const plain = await app.inject({ method: "GET", url: "/assets/index-AbCd1234.js" });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(js);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const gz = await app.inject({
      method: "GET",
      url: "/assets/index-AbCd1234.js",
      headers: { "accept-encoding": "gzip" },
    });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await app.inject({ method: "GET", url: "/favicon.svg" })).headers["cache-control"]).toBe(
      "no-cache",
    );
  });

  it("answers paths that are no page of the web app with the API's JSON 404, never a page saying 200", async () => {
    for (const url of ["/metrics", "/wp-login.php", "/campaignsx", "/status", "/api"]) {
      const r = await app.inject({ method: "GET", url });
      expect({ url, status: r.statusCode, code: r.json().error?.code }).toEqual({
        url,
        status: 404,
        code: "route_not_found",
      });
    }
  });

  it("knows the same pages as the web app's router", () => {
    const router = readFileSync(new URL("../../web/src/router.tsx", import.meta.url), "utf8");
    const firstSegments = new Set(
      [...router.matchAll(/path: "([^"]+)"/g)]
        .map((m) => m[1]!.replace(/^\//, "").split("/")[0]!)
        .filter((segment) => segment !== "*" && !segment.startsWith(":")),
    );
    expect([...firstSegments].sort()).toEqual([...WEB_APP_PAGES].sort());
  });

  it("leaves the API, docs, health and missing files alone", async () => {
    const api = await app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: "route_not_found" } });
    expect((await app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ ok: true });
    expect((await app.inject({ method: "GET", url: "/health" })).json()).toEqual({ status: "ok" });
    expect((await app.inject({ method: "GET", url: "/docs/json" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/socket.io/x" })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/assets/missing-AbCd1234.js" })).statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: "/campaigns" })).statusCode).toBe(404);
  });
});

describe("without a build", () => {
  it("answers pages with a note to run npm run build:web", async () => {
    const app = await build(join(tmpdir(), "kabar-no-such-build"));
    const r = await app.inject({ method: "GET", url: "/" });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain("npm run build:web");
    expect((await app.inject({ method: "GET", url: "/campaigns" })).body).toContain("npm run build:web");
    expect((await app.inject({ method: "GET", url: "/api/v1/nothing-here" })).statusCode).toBe(404);
    await app.close();
  });
});

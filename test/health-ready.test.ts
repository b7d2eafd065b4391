/**
 * What a monitor sees: /health (the process answers), /ready (it can work), and a JSON 404
 * for paths that are no page of the web app (a monitor asking /metrics must not read 200).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
beforeAll(async () => {
  k = await startTestKabar();
});
afterAll(async () => {
  await k?.close();
});

const committed = (
  JSON.parse(readFileSync(new URL("../src/db/migrations/meta/_journal.json", import.meta.url), "utf8")) as {
    entries: unknown[];
  }
).entries.length;

describe("health and readiness", () => {
  it("GET /health answers JSON that the process is alive", async () => {
    const r = await k.http!.inject({ method: "GET", url: "/health" });
    expect({ status: r.statusCode, type: r.headers["content-type"], body: r.json() }).toEqual({
      status: 200,
      type: "application/json; charset=utf-8",
      body: { status: "ok" },
    });
  });

  it("GET /ready checks the database, the migrations, the job queues and tells the channels held", async () => {
    const r = await k.http!.inject({ method: "GET", url: "/ready" });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      status: "ready",
      checks: {
        database: { ok: true },
        migrations: { ok: true, detail: `${committed} of ${committed} applied` },
        jobs: { ok: true },
        channels: { ok: true, detail: expect.stringMatching(/^\d+ held by this process$/) },
      },
    });
  });

  it("paths that are no page of the web app answer a JSON 404, not the app's page", async () => {
    for (const url of ["/metrics", "/status", "/api"]) {
      const r = await k.http!.inject({ method: "GET", url });
      expect({ url, status: r.statusCode, code: r.json().error?.code }).toEqual({
        url,
        status: 404,
        code: "route_not_found",
      });
    }
  });
});

/**
 * `npm run bench:web [-- --loads 15]`: the web app as a shop owner gets it.
 *
 * Prints: the production bundle (JS and CSS, raw and gzipped, as served from dist/web) — what
 * the first page loads (the files index.html names) and every page's chunks together;
 * and the time to first render of the dashboard — from the start of navigation until the
 * dashboard shows its data (the navigation is drawn and no loader is left in the page) — in
 * a fresh browser context each load (cold cache, signed in by cookie), median and p90 over
 * the loads. Baseline in the same run: the same server sending its bare `favicon.svg`
 * (the network and server floor of one navigation); the ratio is dashboard / baseline.
 * Runs a real `node src/main.ts` with its own embedded PostgreSQL (or DATABASE_URL) and
 * Debian's Chromium (CHROMIUM_PATH).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { freePort, startServerProcess } from "../test/support/server.js";
import { machine, quantile } from "./support.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const LOADS = arg("loads", 15);
const OWNER = { email: "owner@bench.test", password: "bench-password-123" };

/** Raw and gzipped bytes of the built JS and CSS: all of it, and what the first page loads (named in index.html). */
function bundle(): Record<"all" | "first", Record<"js" | "css", { raw: number; gz: number }>> {
  const dir = "dist/web/assets";
  const first = new Set(
    [...readFileSync("dist/web/index.html", "utf8").matchAll(/assets\/([^"]+\.(?:js|css))/g)].map(
      (m) => m[1],
    ),
  );
  const out = {
    all: { js: { raw: 0, gz: 0 }, css: { raw: 0, gz: 0 } },
    first: { js: { raw: 0, gz: 0 }, css: { raw: 0, gz: 0 } },
  };
  for (const f of readdirSync(dir)) {
    const ext = f.endsWith(".js") ? "js" : f.endsWith(".css") ? "css" : null;
    if (!ext) continue;
    const bytes = readFileSync(join(dir, f));
    const gz = gzipSync(bytes, { level: 9 }).length;
    for (const part of first.has(f) ? (["all", "first"] as const) : (["all"] as const)) {
      out[part][ext].raw += bytes.length;
      out[part][ext].gz += gz;
    }
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** ms from navigation start until `ready` holds in the page, in a fresh context. */
async function timeLoad(
  browser: Browser,
  url: string,
  cookie: string,
  ready: "dashboard" | "loaded",
): Promise<number> {
  const context = await browser.newContext({
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    viewport: { width: 1280, height: 800 },
  });
  await context.addCookies([{ name: "kabar_session", value: cookie, url }]);
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "commit" });
    if (ready === "dashboard") {
      await page.getByRole("navigation").waitFor();
      // Runs in the page (the server's tsconfig has no DOM types, hence the cast).
      await page.waitForFunction(() => {
        const doc = (
          globalThis as unknown as {
            document: { querySelector(s: string): unknown; querySelectorAll(s: string): { length: number } };
          }
        ).document;
        return (
          doc.querySelector("main") !== null &&
          doc.querySelectorAll('[data-testid="loading"], .mantine-Loader-root').length === 0
        );
      });
    } else {
      await page.waitForLoadState("load");
    }
    return await page.evaluate(() => performance.now());
  } finally {
    await context.close();
  }
}

spawnSync(process.execPath, ["scripts/ensure-web.mjs"], { stdio: "inherit" });
const size = bundle();
const dataDir = mkdtempSync(join(tmpdir(), "kabar-bench-web-"));
const server = await startServerProcess({
  HOST: "127.0.0.1",
  KABAR_DATA_DIR: dataDir,
  KABAR_PG_PORT: String(await freePort()),
  KABAR_OWNER_EMAIL: OWNER.email,
  KABAR_OWNER_PASSWORD: OWNER.password,
  ...(process.env.DATABASE_URL ? {} : { DATABASE_URL: "" }),
});
const base = `http://127.0.0.1:${server.port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(OWNER),
  });
  const cookie = /kabar_session=([^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")?.[1];
  if (!cookie) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  // One warm-up of each, so the server's first-request costs are not counted.
  await timeLoad(browser, `${base}/`, cookie, "dashboard");
  await timeLoad(browser, `${base}/favicon.svg`, cookie, "loaded");
  const dashboard: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    baseline.push(await timeLoad(browser, `${base}/favicon.svg`, cookie, "loaded"));
    dashboard.push(await timeLoad(browser, `${base}/`, cookie, "dashboard"));
  }
  const med = quantile(dashboard, 0.5);
  const floor = quantile(baseline, 0.5);
  console.log(`Kabar web benchmark — ${machine()}, Chromium headless, ${LOADS} cold loads`);
  for (const part of ["first", "all"] as const) {
    const b = size[part];
    console.log(
      `bundle, ${part === "first" ? "first page" : "every page"}: JS ${kb(b.js.raw)} (${kb(b.js.gz)} gzipped), CSS ${kb(b.css.raw)} (${kb(b.css.gz)} gzipped), total ${kb(b.js.gz + b.css.gz)} gzipped`,
    );
  }
  console.log(`dashboard first render: median ${ms(med)}, p90 ${ms(quantile(dashboard, 0.9))}`);
  console.log(
    `baseline (bare file from the same server): median ${ms(floor)}; ratio ${(med / floor).toFixed(1)}×`,
  );
} finally {
  await browser.close();
  server.child.kill("SIGTERM");
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 20_000))]);
  rmSync(dataDir, { recursive: true, force: true });
}

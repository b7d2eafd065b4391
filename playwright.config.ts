import { defineConfig } from "@playwright/test";

/** Debian's Chromium (scripts/check-chromium.mjs checks it is there); never a downloaded browser. */
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// Browser tests of the web app against a real Kabar process (started by global-setup.ts on
// a free port, with its own embedded PostgreSQL or a fresh database on DATABASE_URL).
export default defineConfig({
  testDir: "test/browser",
  testMatch: "*.spec.ts",
  outputDir: "test-results/playwright",
  globalSetup: "./test/browser/global-setup.ts",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
    viewport: { width: 1280, height: 800 },
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});

import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Three projects: unit tests beside the code (no database), the web app's tests (jsdom),
// and integration tests in test/ that share one PostgreSQL (embedded, or DATABASE_URL)
// started by global setup.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts"], pool: "threads" } },
      // The web app's components and helpers, in jsdom (the browser tests are Playwright's
      // test/browser/*.spec.ts, which vitest never picks up).
      {
        plugins: [react()],
        test: {
          name: "web",
          include: ["web/src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["./web/src/test-setup.ts"],
          pool: "threads",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          globalSetup: ["./test/global-setup.ts"],
          pool: "forks",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

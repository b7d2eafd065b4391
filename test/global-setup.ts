import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../src/db/embedded.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of a PostgreSQL database the tests may create databases from. */
    pgAdminUrl: string;
  }
}

/**
 * Integration tests run against real PostgreSQL: DATABASE_URL when set (CI runs Debian's
 * PostgreSQL 15 this way), otherwise an embedded PostgreSQL in a temporary folder. Each
 * test file then creates its own database (test/support/db.ts).
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("pgAdminUrl", process.env.DATABASE_URL);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "kabar-test-pg-"));
  const port = 55000 + (process.pid % 5000);
  const pg = await startEmbeddedPostgres(join(dir, "pg"), port, pino({ level: "silent" }));
  project.provide("pgAdminUrl", pg.url);
  return async () => {
    await pg.stop("fast"); // whatever a test left open ends at once
    rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * Two Kabar folders on one machine: the CLI of one must never work on the other's database
 * (it would list, and start, the other shop's campaigns). Each folder's CLI uses the embedded
 * PostgreSQL of its own KABAR_DATA_DIR, and says which database it uses.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCliDatabase } from "../src/cli/database.js";
import { CliError } from "../src/cli/errors.js";
import { loadConfig } from "../src/config.js";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../src/db/embedded.js";
import { freePort } from "./support/server.js";

const log = pino({ level: "silent" });
/** The first folder's Kabar, running: its embedded PostgreSQL on `port`. */
let first: { dir: string; port: number; pg: EmbeddedDatabase };
const second = mkdtempSync(join(tmpdir(), "kabar-second-"));

/** The CLI configuration of a folder: only its data directory and PostgreSQL port. */
const configOf = (dataDir: string, port: number) =>
  loadConfig({ KABAR_DATA_DIR: dataDir, KABAR_PG_PORT: String(port), KABAR_SECRET_KEY: "b".repeat(64) });

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "kabar-first-"));
  const port = await freePort();
  first = { dir, port, pg: await startEmbeddedPostgres(join(dir, "pg"), port, log) };
});
afterAll(async () => {
  await first?.pg.stop();
  for (const dir of [first?.dir, second]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the CLI's database, with two Kabar folders on one machine", () => {
  it("refuses the other folder's PostgreSQL on its port, saying why, instead of using it", async () => {
    const attempt = openCliDatabase(configOf(second, first.port), log, { init: false });
    await expect(attempt).rejects.toThrow(CliError);
    await expect(attempt).rejects.toThrow(/answers, but it is not this Kabar's database .*another Kabar/);
  });

  it("uses its own folder's running PostgreSQL, on the port that one listens on, and names it", async () => {
    const otherPort = await freePort();
    const db = await openCliDatabase(configOf(first.dir, otherPort), log, { init: false });
    try {
      expect(db).not.toBeNull();
      expect(db!.url).toBe(first.pg.url);
      expect(db!.label).toBe(`embedded, ${join(first.dir, "pg")} (port ${first.port})`);
      const { rows } = await db!.database.pool.query<{ ok: number }>("SELECT 1 AS ok");
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      await db?.close();
    }
  });
});

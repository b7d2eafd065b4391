/**
 * A `postmaster.pid` left in the embedded data directory whose pid now belongs to an
 * unrelated process: Kabar must not signal that process, and must start PostgreSQL anyway
 * (the file is stale). The check itself (src/db/postmaster.ts) tells the data directory's
 * PostgreSQL from anything else.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../src/db/embedded.js";
import { checkPostmaster, postmasterPid } from "../src/db/postmaster.js";
import { freePort } from "./support/server.js";

const dir = mkdtempSync(join(tmpdir(), "kabar-stale-pid-"));
const dataDir = join(dir, "pg");
const log = pino({ level: process.env.TEST_LOG ?? "silent" });
let running: EmbeddedDatabase | null = null;
let bystander: ChildProcess | null = null;

afterAll(async () => {
  await running?.stop().catch(() => {});
  bystander?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** A process that has nothing to do with PostgreSQL and dies on SIGINT; resolves once it runs. */
async function unrelatedProcess(): Promise<ChildProcess> {
  const child = spawn("sleep", ["600"], { stdio: "ignore" });
  await new Promise((resolve, reject) => child.once("spawn", resolve).once("error", reject));
  return child;
}

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe("a stale postmaster.pid naming another process", () => {
  it("leaves that process alone, removes the file and starts PostgreSQL", async () => {
    const port = await freePort();
    running = await startEmbeddedPostgres(dataDir, port, log); // initialises the data directory
    const realPid = postmasterPid(readFileSync(join(dataDir, "postmaster.pid"), "utf8"))!;
    expect(checkPostmaster(realPid, dataDir)).toBe("ours");
    expect(checkPostmaster(realPid, dir)).toBe("other");
    await running.stop();
    running = null;

    // As a killed run leaves it, but the pid now belongs to someone else.
    bystander = await unrelatedProcess();
    writeFileSync(
      join(dataDir, "postmaster.pid"),
      `${bystander.pid}\n${dataDir}\n${Math.floor(Date.now() / 1000)}\n${port}\n`,
    );
    expect(checkPostmaster(bystander.pid!, dataDir)).toBe("other");
    expect(checkPostmaster(process.pid, dataDir)).toBe("other");

    running = await startEmbeddedPostgres(dataDir, port, log);
    expect(await selectOne(running.url)).toBe(1);
    // Still running: never sent a signal.
    expect([bystander.exitCode, bystander.signalCode]).toEqual([null, null]);
    expect(() => process.kill(bystander!.pid!, 0)).not.toThrow();
  });
});

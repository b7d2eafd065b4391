/**
 * `npm start` on the embedded PostgreSQL, as a newcomer runs it: the first start seeds the
 * demo and prints the login once; after a kill -9 (which leaves PostgreSQL running,
 * orphaned) the next start still comes up on the same data; Ctrl-C stops everything.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startServerProcess, type ServerProcess } from "./support/server.js";

const dir = mkdtempSync(join(tmpdir(), "kabar-embedded-"));
let current: ServerProcess | null = null;

afterAll(async () => {
  current?.child.kill("SIGKILL");
  const pidFile = join(dir, "pg", "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
});

function postgresRunning(): boolean {
  const out = execFileSync("ps", ["-eo", "args"]).toString();
  return out.split("\n").some((l) => l.includes("postgres") && l.includes(join(dir, "pg")));
}

describe("npm start with the embedded database", () => {
  it("seeds once, survives kill -9, reuses the data, and stops cleanly on SIGINT", async () => {
    const pgPort = String(await freePort());
    const env = {
      DATABASE_URL: "",
      KABAR_DATA_DIR: dir,
      KABAR_PG_PORT: pgPort,
      KABAR_SANDBOX_TIME_SCALE: "0.01",
    };
    current = await startServerProcess(env);
    expect(current.output()).toMatch(/Password: \S+ {3}\(shown only this once/);
    expect(existsSync(join(dir, "secret.key"))).toBe(true);
    const password = /Password: (\S+)/.exec(current.output())![1]!;

    current.child.kill("SIGKILL");
    await current.exited;
    expect(postgresRunning()).toBe(true); // orphaned by the kill

    current = await startServerProcess(env);
    expect(current.output()).not.toMatch(/first start/);
    const signIn = await fetch(`http://127.0.0.1:${current.port}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "owner@toko-contoh.test", password }),
    });
    expect(signIn.status).toBe(200);

    current.child.kill("SIGINT");
    expect(await current.exited).toBe(0);
    current = null;
    expect(postgresRunning()).toBe(false);
  });
});

import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort, startServerProcess } from "../support/server.js";

/** The owner's password of the Kabar under test. */
export const OWNER = { email: "owner@toko-contoh.test", password: "rahasia-toko-123" };

/** A fresh database on the DATABASE_URL server (dropped afterwards), or null for the embedded one. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = process.env.DATABASE_URL;
  if (!admin) return null;
  const name = `kabar_browser_${randomBytes(5).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Starts one Kabar for the whole browser run: a free port, a temporary data folder
 * (embedded PostgreSQL) or a fresh database on DATABASE_URL, a known owner password and a
 * fast sandbox clock. The tests read its address from KABAR_BROWSER_URL. The returned
 * function stops it (SIGTERM: a graceful stop, PostgreSQL included) and removes its data.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), "kabar-browser-"));
  const db = await freshDatabase();
  const server = await startServerProcess({
    HOST: "127.0.0.1",
    KABAR_DATA_DIR: dataDir,
    KABAR_PG_PORT: String(await freePort()),
    KABAR_OWNER_EMAIL: OWNER.email,
    KABAR_OWNER_PASSWORD: OWNER.password,
    KABAR_SANDBOX_TIME_SCALE: "0.02",
    // The specs send to many new chats from young numbers; the cap's own spec uses faults.
    KABAR_SANDBOX_NEW_CHAT_CAP: "false",
    // Made-up numbers never answer by themselves: no random reply lands in a spec.
    KABAR_SANDBOX_STRANGERS_REPLY: "false",
    // The specs know the demo's one sandbox number; the sandbox Cloud API number is tested apart.
    KABAR_SEED_CLOUD_SANDBOX: "false",
    // Every spec signs in from 127.0.0.1, a dozen a minute when the machine is fast; the
    // per-address limit has its own test (test/api-auth.test.ts).
    KABAR_SIGN_IN_PER_MINUTE: "1000",
    ...(db
      ? { DATABASE_URL: db.url, KABAR_SECRET_KEY: randomBytes(32).toString("hex") }
      : { DATABASE_URL: "" }),
  });
  process.env.KABAR_BROWSER_URL = `http://127.0.0.1:${server.port}`;
  return async () => {
    // What the server logged (warnings and errors), beside the traces of a failed run.
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/kabar-server.log", server.output());
    server.child.kill("SIGTERM");
    const code = await Promise.race([
      server.exited,
      new Promise((r) => setTimeout(() => r("timeout"), 20_000)),
    ]);
    if (code === "timeout") server.child.kill("SIGKILL");
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

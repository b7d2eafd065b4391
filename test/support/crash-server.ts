/**
 * A Kabar server process for the kill -9 tests: its own test database (and a client on it
 * for the checks), started, signed in as the owner over HTTP, killed with SIGKILL and
 * started again on the same port and database.
 */
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { createTestDatabase, dropTestDatabase } from "./db.js";
import { OWNER_EMAIL, OWNER_PASSWORD } from "./kabar.js";
import { freePort, startServerProcess } from "./server.js";

/** A crash-test server: the database it runs on, and what a test does to it. */
export interface CrashServer {
  /** A client on the server's database, for checks the API does not answer. */
  db: pg.Client;
  /** Starts the server (again) and waits until it answers. */
  start(): Promise<void>;
  /** Kills the server with SIGKILL and waits until it is gone. */
  kill(): Promise<void>;
  /** Calls the API as the signed-in owner (JSON or FormData body); rejects on a non-2xx answer. */
  http<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Kills the server and drops its database. */
  close(): Promise<void>;
}

/**
 * Creates a test database, starts a Kabar server process on it with `env` (sandbox time
 * scale 0.001 unless `env` says otherwise) and signs in as the owner.
 */
export async function crashServer(env: Record<string, string>): Promise<CrashServer> {
  const url = await createTestDatabase();
  const port = await freePort();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  let child: ChildProcess | null = null;
  let cookie = "";
  const start = async () => {
    child = (
      await startServerProcess({
        DATABASE_URL: url,
        PORT: String(port),
        KABAR_OWNER_EMAIL: OWNER_EMAIL,
        KABAR_OWNER_PASSWORD: OWNER_PASSWORD,
        KABAR_SANDBOX_TIME_SCALE: "0.001",
        ...env,
      })
    ).child;
  };
  const http = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      // A browser page of Kabar sends its origin with every unsafe request (the forged-request guard checks it).
      headers: {
        cookie,
        origin: `http://127.0.0.1:${port}`,
        ...(body && !(body instanceof FormData) ? { "content-type": "application/json" } : {}),
      },
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await gone;
  };
  await start();
  const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: OWNER_EMAIL, password: OWNER_PASSWORD }),
  });
  cookie = String(signIn.headers.get("set-cookie")).split(";")[0]!;
  return {
    db,
    start,
    kill,
    http,
    async close() {
      await kill();
      await db.end();
      await dropTestDatabase(url);
    },
  };
}

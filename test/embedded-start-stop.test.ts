/**
 * `npm start` with its embedded PostgreSQL, as people run it:
 * - stopped with Ctrl-C in a terminal, which sends SIGINT to the whole foreground process
 *   group: Kabar stops in order (its work first, the database last), quietly, within seconds;
 * - as root from a private folder (a clone in /root, mode 700), where PostgreSQL's own user
 *   cannot reach the folder: the database still starts, and keeps its data across restarts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../src/db/embedded.js";
import { locateBinaries } from "../src/db/pg-binaries.js";
import { effectiveDatabaseDir } from "../src/db/pg-home.js";
import { freePort } from "./support/server.js";
import { waitFor } from "./support/wait.js";

const asRoot = process.getuid?.() === 0;
const dirs: string[] = [];
const quiet = pino({ level: process.env.TEST_LOG ?? "silent" });

/** A temporary folder with `mode` (700: private to its owner, like /root). */
function folder(prefix: string, mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, mode);
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The rows of one statement. */
async function query(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("npm start with the embedded database", () => {
  it.each([
    { how: "a terminal's Ctrl-C", group: true, signal: "SIGINT" as const },
    { how: "a service manager's SIGTERM", group: false, signal: "SIGTERM" as const },
  ])(
    "stops quietly and in order on $how",
    async ({ group, signal }) => {
      // As root, also from a private folder: the README's commands must work there.
      const home = folder("kabar-start-", asRoot ? 0o700 : 0o755);
      const shared = folder("kabar-shared-", 0o755);
      const [port, pgPort] = [await freePort(), await freePort()];
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.DATABASE_URL; // the embedded database, even in the run against another server
      const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        env: {
          ...env,
          KABAR_DATA_DIR: join(home, "data"),
          KABAR_PG_PORT: String(pgPort),
          KABAR_PG_SHARED_HOME: shared,
          KABAR_SANDBOX_TIME_SCALE: "0.001",
          LOG_LEVEL: "info",
          HOST: "127.0.0.1",
          PORT: String(port),
        },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true, // its own process group, like a command typed in a terminal
      });
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | string>((resolve) =>
        child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)),
      );
      try {
        const up = waitFor(
          async () =>
            (await fetch(`http://127.0.0.1:${port}/health`).then(
              (r) => r.ok,
              () => false,
            )) || undefined,
          120_000,
        );
        const died = exited.then((code) => {
          throw new Error(`Kabar exited (${code}) before it answered:\n${stdout}\n${stderr}`);
        });
        died.catch(() => {}); // once it is up, its later exit is the test's own doing
        await Promise.race([up, died]);
        process.env.KABAR_PG_SHARED_HOME = shared; // where the child may have moved it
        const dataDir = effectiveDatabaseDir(join(home, "data", "pg"));
        delete process.env.KABAR_PG_SHARED_HOME;
        expect(existsSync(join(dataDir, "postmaster.pid"))).toBe(true);
        const before = stdout.length;

        // Ctrl-C signals the whole foreground process group; a service manager, Kabar's process.
        process.kill(group ? -child.pid! : child.pid!, signal);
        const code = await exited;

        expect(code).toBe(0);
        expect(stderr).toBe("");
        const lines = stdout
          .slice(before)
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l) as { level: number; msg: string });
        expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
        expect(lines.map((l) => l.msg)).toContain("stopping");
        // The database was stopped by Kabar, last: its pid file is gone.
        expect(existsSync(join(dataDir, "postmaster.pid"))).toBe(false);
      } finally {
        if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
      }
    },
    180_000,
  );

  it.skipIf(!asRoot)(
    "starts as root from a private folder and keeps its data across restarts",
    async () => {
      const project = join(folder("kabar-root-", 0o700), "kabar");
      const shared = folder("kabar-shared-", 0o755);
      process.env.KABAR_PG_SHARED_HOME = shared;
      // The programs inside the private folder too, as in a clone's node_modules there.
      const installed = locateBinaries();
      const nativeDir = join(project, "node_modules", "native");
      mkdirSync(join(project, "node_modules"), { recursive: true });
      cpSync(installed.nativeDir, nativeDir, { recursive: true, verbatimSymlinks: true });
      const dataDir = join(project, "data", "pg");
      const port = await freePort();
      let server: EmbeddedDatabase | null = null;
      try {
        server = await startEmbeddedPostgres(dataDir, port, quiet, { ...installed, nativeDir });
        await query(server.url, "CREATE TABLE kept AS SELECT 1 AS n");
        await server.stop();
        server = await startEmbeddedPostgres(dataDir, port, quiet, { ...installed, nativeDir });
        expect(await query(server.url, "SELECT n FROM kept")).toEqual([{ n: 1 }]);

        // Where it went, said next to the data folder for whoever backs it up.
        const moved = effectiveDatabaseDir(dataDir);
        expect(moved.startsWith(shared)).toBe(true);
        expect(readFileSync(join(project, "data", "pg-location.txt"), "utf8")).toContain(moved);
        expect(existsSync(join(shared, `postgresql-${installed.version}`, "bin", "postgres"))).toBe(true);
      } finally {
        await server?.stop();
        delete process.env.KABAR_PG_SHARED_HOME;
      }
    },
    180_000,
  );
});

/**
 * Runs the embedded PostgreSQL's programs: `initdb` once, then the `postgres` server.
 *
 * The server is started in its own process group (`detached`), so a Ctrl-C in the terminal
 * (SIGINT to the whole foreground group) reaches Kabar only: Kabar stops its work first and
 * the database last, quietly. A server left by a killed Kabar is stopped at the next start
 * (embedded.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { program } from "./pg-binaries.js";

/** The user a program runs as (root runs PostgreSQL as "postgres"); null: as this process. */
export type RunAs = { uid: number; gid: number } | null;

/** What PostgreSQL's programs need to know. */
interface PgProcessOptions {
  nativeDir: string;
  databaseDir: string;
  runAs: RunAs;
  /** Receives every line the programs print (kept for error messages, never shown by default). */
  onLine(line: string): void;
}

// Messages in English whatever the machine's locale: the start waits for one of them.
const ENV = { ...process.env, LC_MESSAGES: "C", LC_ALL: "" };

/** Spawns `program` and resolves with its exit code; rejects when it cannot be run at all. */
function run(file: string, args: string[], opts: PgProcessOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(opts.runAs ?? {}), env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    forwardLines(child, opts.onLine);
    child.once("error", reject);
    child.once("close", (code) => resolve(code ?? 1));
  });
}

function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      for (const line of chunk.split("\n")) if (line.trim()) onLine(line.trimEnd());
    });
  }
}

/**
 * Creates the cluster in `databaseDir` (which must not exist yet, or be empty and owned by
 * `runAs`): UTF-8 with the builtin C.UTF-8 locale (the same on every machine, PostgreSQL ≥ 17),
 * scram-sha-256 passwords, superuser `user`.
 * @throws Error with `initdb`'s exit code; the caller adds the printed lines
 */
export async function initCluster(opts: PgProcessOptions, user: string, password: string): Promise<void> {
  const pwFile = join(tmpdir(), `kabar-pg-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o644 });
  try {
    const code = await run(
      program(opts.nativeDir, "initdb"),
      [
        `--pgdata=${opts.databaseDir}`,
        "--auth=scram-sha-256",
        `--username=${user}`,
        `--pwfile=${pwFile}`,
        "--encoding=UTF8",
        "--locale=C",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--lc-messages=C",
      ],
      opts,
    );
    if (code !== 0) throw new Error(`initdb exited with code ${code}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
}

/**
 * How to stop the server (PostgreSQL's shutdown modes, "Shutting Down the Server" in its docs):
 * `smart` (SIGTERM) lets the connections still closing finish first — a pool's `end()`
 * resolves before its sockets are closed, and a fast shutdown would answer them with
 * "terminating connection due to administrator command" — and turns fast after 5 s;
 * `fast` (SIGINT) ends every session at once, rolling back open transactions (a restart).
 */
export type StopMode = "smart" | "fast";

/** A running server started by `startServer`. */
interface PgProcess {
  pid: number;
  /** Stops it (see StopMode; default smart) and waits for its exit; SIGQUIT after 30 s. */
  stop(mode?: StopMode): Promise<void>;
}

/** How long a smart shutdown waits for connections to close before it turns fast, ms. */
const SMART_SHUTDOWN_MS = 5_000;
/** How long a shutdown may take before the server is told to quit at once, ms. */
const QUIT_AFTER_MS = 30_000;

/**
 * Starts `postgres -D databaseDir -p port` with `flags`, resolving once it logs "ready to
 * accept connections".
 * @throws Error when it cannot be spawned or exits before it is ready
 */
export function startServer(opts: PgProcessOptions, port: number, flags: string[]): Promise<PgProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      program(opts.nativeDir, "postgres"),
      ["-D", opts.databaseDir, "-p", String(port), ...flags],
      { ...(opts.runAs ?? {}), env: ENV, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    let ready = false;
    forwardLines(child, (line) => {
      opts.onLine(line);
      if (!ready && line.includes("ready to accept connections")) {
        ready = true;
        resolve({ pid: child.pid!, stop: (mode = "smart") => stopChild(child, exited, mode) });
      }
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (!ready) reject(new Error(`postgres exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>, mode: StopMode): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(mode === "smart" ? "SIGTERM" : "SIGINT");
  const timers = [
    setTimeout(() => child.kill("SIGINT"), mode === "smart" ? SMART_SHUTDOWN_MS : 0),
    setTimeout(() => child.kill("SIGQUIT"), QUIT_AFTER_MS),
  ];
  await exited;
  for (const t of timers) clearTimeout(t);
}

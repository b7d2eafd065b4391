/**
 * CPU time of processes by pid, from Linux's /proc/<pid>/stat (user + system time, in
 * clock ticks of 10 ms), so a benchmark can say where a run's CPU went: Kabar, its
 * PostgreSQL, its load generator. Elsewhere (no /proc) every figure is NaN.
 */
import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux Kabar runs on). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) `pid` has used so far, or NaN when it is gone or there is no /proc. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name (which may hold spaces, in parentheses): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * The CPU seconds processes used from now until `stop(pids)`: `pids` now, and those given
 * to `stop` (a process started meanwhile counts from its start; one gone meanwhile is not
 * counted at all).
 */
export function cpuMeter(pids: number[]): { stop(pidsNow: number[]): number } {
  const before = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  return {
    stop(pidsNow) {
      let total = 0;
      for (const pid of new Set([...before.keys(), ...pidsNow])) {
        const now = cpuSeconds(pid);
        const was = before.get(pid) ?? 0;
        if (!Number.isNaN(now)) total += now - (Number.isNaN(was) ? 0 : was);
      }
      return total;
    },
  };
}

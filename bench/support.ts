import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { startKabar, type Kabar } from "../src/kabar.js";
import type { Actor } from "../src/lib/actor.js";
import type { DispatcherOptions } from "../src/modules/campaigns/dispatcher.js";

/** What a benchmark may change of its Kabar: its HTTP server (on 127.0.0.1:`port`) and more environment. */
interface BenchOptions {
  /** Serve HTTP on 127.0.0.1 at this port (a free one: test/support/server.ts `freePort`); default: no HTTP. */
  port?: number;
  env?: Record<string, string>;
}

/** A Kabar for a benchmark: DATABASE_URL when set, else a fresh embedded PostgreSQL in a temp folder. */
export async function benchKabar(
  dispatcher: DispatcherOptions = {},
  opts: BenchOptions = {},
): Promise<{ kabar: Kabar; owner: Actor; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "kabar-bench-"));
  const config = loadConfig({
    ...process.env,
    KABAR_DATA_DIR: dir,
    KABAR_PG_PORT: String(56000 + (process.pid % 3000)),
    KABAR_SANDBOX_TIME_SCALE: process.env.KABAR_SANDBOX_TIME_SCALE ?? "1",
    KABAR_SECRET_KEY: process.env.KABAR_SECRET_KEY ?? "b".repeat(64),
    KABAR_SEED_DEMO: "true",
    // Throughput is measured without the sandbox's new-chat cap (it would hold cold sends).
    KABAR_SANDBOX_NEW_CHAT_CAP: process.env.KABAR_SANDBOX_NEW_CHAT_CAP ?? "false",
    KABAR_SEED_CLOUD_SANDBOX: "false",
    // The benchmarks seed their own catalogue and orders.
    KABAR_SEED_ORDERS: "false",
    KABAR_OWNER_PASSWORD: "bench-password",
    LOG_LEVEL: "silent",
    ...(opts.port ? { HOST: "127.0.0.1", PORT: String(opts.port) } : {}),
    ...opts.env,
  });
  const kabar = await startKabar(config, {
    log: pino({ level: "warn" }),
    http: opts.port !== undefined,
    listen: opts.port !== undefined,
    dispatcher: { idleMs: 20, ...dispatcher },
  });
  const [user] = (
    await kabar.database.pool.query<{ id: string; tenant_id: string }>(
      `SELECT id, tenant_id FROM users WHERE role = 'owner' LIMIT 1`,
    )
  ).rows;
  return {
    kabar,
    owner: { tenantId: user!.tenant_id, userId: user!.id, role: "owner" },
    close: async () => {
      await kabar.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The machine, for the figures' caption. */
export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** The q-quantile (0..1) of a list of numbers. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Samples the process's resident set size every 25 ms; `stop()` returns the peak in MiB. */
export function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  return {
    stop() {
      clearInterval(t);
      return Math.max(peak, process.memoryUsage().rss) / 2 ** 20;
    },
  };
}

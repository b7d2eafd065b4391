/**
 * `npm run bench:orders [-- --orders 100000 --seconds 15 --concurrency 16]`: the order API
 * as a shop's website uses it, on a shop that already has `orders` orders.
 *
 * Bulk-inserts (generate_series) the existing orders (one line each, over 10,000 customers,
 * spread over the last year), then for `seconds` seconds `concurrency` clients POST
 * /api/v1/orders over HTTP on 127.0.0.1 with an API key (`orders:write`), from their own
 * process (orders-load.ts: the server is alone in this one): a new customer by phone, two
 * lines by SKU, an `Idempotency-Key`. Prints orders/s, the p50 / p99 latency in ms and the
 * statements Kabar sent to PostgreSQL per order (every statement of the process during the
 * run, background jobs included). The floor, measured in the same run with the same concurrency: the same
 * order written straight to PostgreSQL as Kabar writes it (the month's number, then the
 * order, its lines and its history), which is what the database alone allows; the ratio is
 * Kabar's cost over it (HTTP, validation, the key, the customer's contact, pricing, the
 * order hooks: order messages, reminders, webhooks). The shop's thank-you message is
 * switched off: the run measures taking orders, not sending WhatsApp messages.
 */
import { fork } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { freePort } from "../test/support/server.js";
import { cpuMeter } from "./cpu.js";
import type { LoadRequest, LoadResult } from "./orders-load.js";
import { benchKabar, machine, quantile } from "./support.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const EXISTING = arg("orders", 100_000);
const SECONDS = arg("seconds", 15);
const CONCURRENCY = arg("concurrency", 16);

/** Runs `worker` on `CONCURRENCY` loops for `SECONDS`; returns each call's latency (ms) and the rate per second. */
async function load(
  worker: (i: number) => Promise<void>,
): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await worker(n++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, perSecond: latencies.length / ((performance.now() - start) / 1000) };
}

/** Runs the order API's clients in their own process (orders-load.ts) and waits for their figures. */
function inChild(req: LoadRequest): Promise<LoadResult> {
  const child = fork(new URL("./orders-load.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    child.once("message", (result) => resolve(result as LoadResult));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}`));
    });
    child.send(req);
  });
}

/** Counts the statements this process sends to PostgreSQL (every pg client) until `stop()`. */
function countStatements(): { stop(): number } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  return {
    stop() {
      proto.query = original;
      return n;
    },
  };
}

/** The existing orders: `EXISTING` orders of 10,000 customers over the last 365 days, one line each. */
async function seedOrders(pool: pg.Pool, tenantId: string): Promise<void> {
  await pool.query(
    `INSERT INTO products (tenant_id, sku, name, price, consumption_days)
     SELECT $1, 'BENCH-' || g, 'Produk bench ' || g, 10000 * g, 14 FROM generate_series(1, 10) g`,
    [tenantId],
  );
  await pool.query(
    `INSERT INTO contacts (tenant_id, phone, name)
     SELECT $1, '+62857' || lpad(g::text, 8, '0'), 'Pelanggan ' || g FROM generate_series(1, 10000) g
     ON CONFLICT DO NOTHING`,
    [tenantId],
  );
  await pool.query(
    `WITH c AS (SELECT id, phone, name, row_number() OVER (ORDER BY id) AS rn FROM contacts WHERE tenant_id = $1 AND phone LIKE '+62857%'),
     o AS (
       INSERT INTO orders (tenant_id, number, contact_id, customer_name, customer_phone, status, payment_method,
                           subtotal, total, placed_at, created_at, updated_at, outlet_id)
       SELECT $1, 'INV/BENCH/' || g, c.id, c.name, c.phone, 'completed', 'transfer', 20000, 20000,
              now() - (g % 365) * interval '1 day', now(), now(), (SELECT id FROM outlets WHERE tenant_id = $1 ORDER BY created_at, id LIMIT 1)
       FROM generate_series(1, $2::int) g JOIN c ON c.rn = 1 + g % 10000
       RETURNING id)
     INSERT INTO order_lines (tenant_id, order_id, product_id, position, sku, name, quantity, unit_price, line_total)
     SELECT $1, o.id, p.id, 0, p.sku, p.name, 2, 10000, 20000 FROM o, products p WHERE p.tenant_id = $1 AND p.sku = 'BENCH-1'`,
    [tenantId, EXISTING],
  );
  await pool.query("ANALYZE orders; ANALYZE order_lines; ANALYZE contacts");
}

/**
 * The floor: the same order written straight to PostgreSQL as Kabar writes it: the month's
 * number by one statement committed on its own without waiting for the disk
 * (src/modules/orders/queries/write.ts), then the order, its lines and its history in one
 * transaction.
 */
async function floorOrder(pool: pg.Pool, tenantId: string, i: number): Promise<void> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ last: number }>(
      `WITH durability AS (SELECT set_config('synchronous_commit', 'off', true))
       INSERT INTO order_counters (tenant_id, period, last) SELECT $1, 'FLOOR', 1 FROM durability
       ON CONFLICT (tenant_id, period) DO UPDATE SET last = order_counters.last + 1 RETURNING last`,
      [tenantId],
    );
    await client.query("BEGIN");
    const {
      rows: [order],
    } = await client.query<{ id: string }>(
      `INSERT INTO orders (tenant_id, number, customer_phone, payment_method, subtotal, total, idempotency_key, outlet_id)
       VALUES ($1, $2, $3, 'transfer', 50000, 50000, $4, (SELECT outlet_id FROM channels WHERE tenant_id = $1 ORDER BY created_at, id LIMIT 1)) RETURNING id`,
      [tenantId, `INV/FLOOR/${rows[0]!.last}`, `+62859${String(i).padStart(8, "0")}`, `floor-${i}`],
    );
    await client.query(
      `INSERT INTO order_lines (tenant_id, order_id, position, sku, name, quantity, unit_price, line_total)
       VALUES ($1, $2, 0, 'BENCH-1', 'Produk bench 1', 1, 10000, 10000), ($1, $2, 1, 'BENCH-2', 'Produk bench 2', 2, 20000, 40000)`,
      [tenantId, order!.id],
    );
    await client.query(
      `INSERT INTO order_events (tenant_id, order_id, kind, to_status, actor_kind) VALUES ($1, $2, 'created', 'new', 'api_key')`,
      [tenantId, order!.id],
    );
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

const port = await freePort();
const { kabar, owner, close } = await benchKabar({}, { port, env: { KABAR_API_KEY_RATE: "1000000" } });
const { pool } = kabar.database;
try {
  console.log(`Kabar order benchmark — ${machine()}`);
  console.log(
    `database: ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL"} (${(await pool.query("SHOW server_version")).rows[0].server_version}); ${CONCURRENCY} clients, ${SECONDS} s each`,
  );
  let t = performance.now();
  await seedOrders(pool, owner.tenantId);
  console.log(
    `seeded ${EXISTING.toLocaleString("en")} existing orders in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  // Order intake alone, as the floor: the thank-you (an order message, sent by its own job)
  // is switched off, so the run measures taking orders, not sending WhatsApp messages.
  const messages = await kabar.services.orderMessages.settings(owner);
  await kabar.services.orderMessages.saveSettings(owner, {
    ...messages,
    events: { ...messages.events, created: { ...messages.events.created, enabled: false } },
  });
  const { key } = await kabar.services.apiKeys.create(owner, {
    name: "Bench website",
    scopes: ["orders:write"],
  });
  const url = `http://127.0.0.1:${port}/api/v1/orders`;
  const clients = (req: Omit<LoadRequest, "url" | "key" | "seconds" | "concurrency">) =>
    inChild({ url, key, seconds: SECONDS, concurrency: CONCURRENCY, ...req });
  // Warm-up: first-request costs (JIT, prepared plans) are not counted.
  const warm = await clients({ tag: "warm", count: 200, first: 9_000_000 });

  t = performance.now();
  const floor = await load((i) => floorOrder(pool, owner.tenantId, i));
  const sent = countStatements();
  // CPU per order, by process: robust where the rate is not (other work on the machine).
  const pgPids = async () =>
    (await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity")).rows.map((r) => r.pid);
  // At rest first (background jobs, pollers): what the run costs on top of it.
  const rest = { pg: cpuMeter(await pgPids()), kabar: process.cpuUsage() };
  await new Promise((r) => setTimeout(r, 3000));
  const restKabar = process.cpuUsage(rest.kabar);
  const atRest = {
    kabar: (restKabar.user + restKabar.system) / 1e6 / 3,
    postgres: rest.pg.stop(await pgPids()) / 3,
  };
  const pgCpu = cpuMeter(await pgPids());
  const kabarCpu = process.cpuUsage();
  const started = performance.now();
  const api = await clients({ tag: "bench" });
  const kabarUsed = process.cpuUsage(kabarCpu);
  const runSeconds = (performance.now() - started) / 1000;
  const n = api.latencies.length;
  const statements = sent.stop() / n;
  const ms = (seconds: number) => ((seconds * 1000) / n).toFixed(2);
  const cpu = {
    kabar: (kabarUsed.user + kabarUsed.system) / 1e6,
    postgres: pgCpu.stop(await pgPids()),
    clients: api.cpuSeconds,
  };
  const failures = warm.failures + api.failures;
  const p = (xs: number[], q: number) => quantile(xs, q).toFixed(1);
  console.log(
    `order API: ${api.perSecond.toFixed(0)} orders/s, p50 ${p(api.latencies, 0.5)} ms, p99 ${p(api.latencies, 0.99)} ms (${api.latencies.length.toLocaleString("en")} orders, ${failures} not 201), ${statements.toFixed(1)} statements per order`,
  );
  console.log(
    `floor (the same order straight to PostgreSQL): ${floor.perSecond.toFixed(0)} orders/s, p50 ${p(floor.latencies, 0.5)} ms, p99 ${p(floor.latencies, 0.99)} ms`,
  );
  console.log(`ratio floor / API: ${(floor.perSecond / api.perSecond).toFixed(2)}×`);
  console.log(
    `CPU per order: Kabar ${ms(cpu.kabar)} ms, PostgreSQL ${ms(cpu.postgres)} ms, clients ${ms(cpu.clients)} ms ` +
      `(of which their work at rest: Kabar ${ms(atRest.kabar * runSeconds)} ms, PostgreSQL ${ms(atRest.postgres * runSeconds)} ms); ` +
      `${cpus().length} cores at most allow ${((cpus().length * n) / (cpu.kabar + cpu.postgres + cpu.clients)).toFixed(0)} orders/s ` +
      `(load average ${loadavg()[0]!.toFixed(1)} at the end: other work shares the cores)`,
  );
  if (failures > 0) process.exitCode = 1;
} finally {
  await close();
}

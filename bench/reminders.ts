/**
 * `npm run bench:reminders [-- --reminders 100000]`: repeat-order reminders on a shop with
 * `reminders` customers who each completed an order of a reminded product.
 *
 * Bulk-inserts (generate_series) the customers and their completed orders (completed 1–10
 * days ago, a 14-day product, so every reminder is still ahead), then times:
 * - planning: `planFromHistory` (one statement: the latest completion per customer and
 *   product, its shop-zone due date, the one-pending-per-customer-and-product rule);
 *   floor: the same rows inserted by a plain INSERT … SELECT (no zone, no dedup, no conflict).
 * - the due list of a day with all of them due (`dueReminders`: the re-order check, the
 *   consents, grouping per customer, cross-sell, rendering each message); floor: the same
 *   reminders and customers read by a plain join.
 * - the run: today's due reminders sent as one campaign from the demo's sandbox number with
 *   pacing off (`reminders.run`), until the campaign completes; floor: one bare UPDATE per
 *   message on the same database (the campaign benchmark's floor, on up to 20,000 rows).
 * Each beside its floor, measured in the same run; the aim is under 10 s for 100,000 planned.
 */
import { performance } from "node:perf_hooks";
import { dueReminders } from "../src/modules/reminders/due.js";
import { planFromHistory } from "../src/modules/reminders/index.js";
import { benchKabar, machine } from "./support.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg("reminders", 100_000);

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

const { kabar, owner, close } = await benchKabar();
const { pool, db } = kabar.database;
const t0 = owner.tenantId;
try {
  console.log(`Kabar reminders benchmark — ${machine()}`);
  let t = performance.now();
  await pool.query(
    `INSERT INTO products (tenant_id, sku, name, price, consumption_days)
     SELECT $1, 'REM-' || g, 'Produk pengingat ' || g, 10000 * g, CASE WHEN g = 1 THEN 14 END FROM generate_series(1, 5) g`,
    [t0],
  );
  await pool.query(
    `INSERT INTO contacts (tenant_id, phone, name)
     SELECT $1, '+62856' || lpad(g::text, 8, '0'), 'Pelanggan ' || g FROM generate_series(1, $2::int) g`,
    [t0, N],
  );
  await pool.query(
    `WITH c AS (SELECT id, phone, name, row_number() OVER (ORDER BY id) AS rn FROM contacts WHERE tenant_id = $1 AND phone LIKE '+62856%'),
     o AS (
       INSERT INTO orders (tenant_id, number, contact_id, customer_name, customer_phone, status, payment_method,
                           subtotal, total, placed_at, completed_at, outlet_id)
       SELECT $1, 'INV/REM/' || c.rn, c.id, c.name, c.phone, 'completed', 'transfer', 30000, 30000,
              now() - (1 + c.rn % 10) * interval '1 day' - interval '1 day', now() - (1 + c.rn % 10) * interval '1 day',
              (SELECT id FROM outlets WHERE tenant_id = $1 ORDER BY created_at, id LIMIT 1)
       FROM c RETURNING id, number)
     INSERT INTO order_lines (tenant_id, order_id, product_id, position, sku, name, quantity, unit_price, line_total)
     SELECT $1, o.id, p.id, p.n, p.sku, p.name, 1, 10000, 10000
     FROM o CROSS JOIN LATERAL (
       SELECT id, sku, name, row_number() OVER (ORDER BY sku) - 1 AS n FROM products
       WHERE tenant_id = $1 AND sku IN ('REM-1', 'REM-' || (2 + split_part(o.number, '/', 3)::int % 4))) p`,
    [t0],
  );
  await pool.query("ANALYZE orders; ANALYZE order_lines; ANALYZE contacts; ANALYZE products");
  console.log(`seeded ${N.toLocaleString("en")} customers with a completed order in ${seconds(t)} s`);

  await pool.query("CREATE TABLE floor_reminders (LIKE order_reminders INCLUDING DEFAULTS)");
  t = performance.now();
  await pool.query(
    `INSERT INTO floor_reminders (tenant_id, contact_id, product_id, order_id, due_on)
     SELECT o.tenant_id, o.contact_id, l.product_id, o.id, current_date + 11
     FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
     WHERE o.tenant_id = $1 AND p.consumption_days IS NOT NULL`,
    [t0],
  );
  const floorPlan = seconds(t);
  t = performance.now();
  const planned = await planFromHistory(db, t0);
  console.log(
    `planning: ${planned.toLocaleString("en")} reminders in ${seconds(t)} s (floor, a plain INSERT … SELECT: ${floorPlan} s)`,
  );

  await pool.query("UPDATE order_reminders SET due_on = due_on - 30 WHERE tenant_id = $1", [t0]);
  await pool.query("ANALYZE order_reminders");
  t = performance.now();
  await pool.query(
    `SELECT r.id, c.name, c.phone, p.name FROM order_reminders r JOIN contacts c ON c.id = r.contact_id
     JOIN products p ON p.id = r.product_id WHERE r.tenant_id = $1 AND r.due_on <= current_date`,
    [t0],
  );
  const floorDue = seconds(t);
  t = performance.now();
  const due = await dueReminders(db, t0);
  console.log(
    `due list: ${due.counts.customers.toLocaleString("en")} messages (${due.counts.reminders.toLocaleString("en")} reminders, cross-sell, rendered) in ${seconds(t)} s (floor, a plain join: ${floorDue} s)`,
  );

  const s = kabar.services;
  const [channel] = await s.channels.list(owner);
  await s.channels.update(owner, channel!.id, { pacingPreset: "off" });
  while ((await s.channels.get(owner, channel!.id)).status !== "connected")
    await new Promise((r) => setTimeout(r, 50));
  const finished = new Set<string>();
  let onFinish = () => {};
  kabar.bus.on("campaign.status", (e) => {
    if (e.status === "completed" || e.status === "failed") finished.add(e.campaignId);
    onFinish();
  });
  t = performance.now();
  const run = await s.reminders.run(owner);
  await new Promise<void>((resolve) => {
    onFinish = () => run.campaignId && finished.has(run.campaignId) && resolve();
    onFinish();
  });
  const runSeconds = (performance.now() - t) / 1000;
  const c = (await s.campaigns.get(owner, run.campaignId!)).counts;
  const floorRows = Math.min(run.customers, 20_000);
  const client = await pool.connect();
  await client.query("CREATE TEMP TABLE bench_floor (id int PRIMARY KEY, status text)");
  await client.query(`INSERT INTO bench_floor SELECT g, 'pending' FROM generate_series(1, ${floorRows}) g`);
  t = performance.now();
  for (let i = 1; i <= floorRows; i++)
    await client.query("UPDATE bench_floor SET status = 'sent' WHERE id = $1", [i]);
  const floorRate = floorRows / ((performance.now() - t) / 1000);
  client.release();
  console.log(
    `run: ${run.customers.toLocaleString("en")} messages sent as one campaign, pacing off, in ${runSeconds.toFixed(2)} s → ${Math.round(run.customers / runSeconds).toLocaleString("en")} messages/s ` +
      `(sent ${c.sent + c.delivered + c.read}, skipped ${c.skipped} not on WhatsApp, failed ${c.failed}; floor, one bare UPDATE per message: ${Math.round(floorRate).toLocaleString("en")}/s)`,
  );
  if (planned < N) process.exitCode = 1;
} finally {
  await close();
}

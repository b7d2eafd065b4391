/**
 * `npm run bench:campaign [-- --recipients 10000]`: the campaign engine on the sandbox
 * with pacing off, against its floor on the same database.
 *
 * Prints: recipients per second from `start` (audience snapshot included) until every
 * recipient is terminal (campaign completed); p50/p99 dispatch overhead per message (ms
 * from the network accepting a message to its "sent" outcome committed); peak RSS; and
 * the floor — one bare UPDATE per recipient, one after another on one connection — with
 * the ratio engine time / floor time. Then the time to import a 100,000-row CSV.
 *
 * `--saas`: KABAR_MODE=saas, the shop on the Bisnis package (50,000 message units): every
 * claim takes its units under the shop's balance lock (docs/billing.md "Quota metering").
 */
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyPaid, listPackages, quotaBalance, startTrial } from "../src/modules/billing/index.js";
import { upsertContacts } from "../src/modules/contacts/upsert.js";
import { writeLargeCsv } from "../test/fixtures/contacts/make-large-csv.js";
import { benchKabar, machine, quantile, rssSampler } from "./support.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RECIPIENTS = arg("recipients", 10_000);
const SAAS = process.argv.includes("--saas");
const IMPORT_ROWS = arg("import-rows", 100_000);

const overheads: number[] = [];
const { kabar, owner, close } = await benchKabar(
  { onOverhead: (ms) => overheads.push(...ms) },
  SAAS ? { env: { KABAR_MODE: "saas" } } : {},
);
const { db, pool } = kabar.database;
const s = kabar.services;
try {
  if (SAAS) {
    const bisnis = (await listPackages(db)).find((p) => p.code === "bisnis")!;
    await db.transaction(async (tx) => {
      await startTrial(tx, owner.tenantId, new Date());
      await applyPaid(
        tx,
        owner.tenantId,
        { kind: "subscription", packageId: bisnis.id, cycle: "monthly" },
        new Date(),
        "Asia/Jakarta",
      );
    });
  }
  console.log(`Kabar campaign benchmark${SAAS ? " (SaaS mode, metered)" : ""} — ${machine()}`);
  console.log(
    `sandbox time scale ${kabar.config.KABAR_SANDBOX_TIME_SCALE}; database: ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL"} (${(await pool.query("SHOW server_version")).rows[0].server_version})`,
  );
  // Audience: RECIPIENTS contacts labelled "bench" (numbers the sandbox derives behaviour for).
  for (let i = 0; i < RECIPIENTS; i += 5000) {
    const rows = Array.from({ length: Math.min(5000, RECIPIENTS - i) }, (_, j) => ({
      phone: `+62813${String(10_000_000 + i + j).slice(-8)}`,
      name: `Pelanggan ${i + j}`,
      attributes: { kota: "Bandung" },
      labels: ["bench"],
    }));
    await upsertContacts(db, owner.tenantId, rows, "import");
  }
  const [channel] = await s.channels.list(owner);
  await s.channels.update(owner, channel!.id, { pacingPreset: "off" });

  // WhatsApp-like timing (time scale 1): the channel finishes its handshake first, and
  // receipts and replies arrive after realistic delays, some during the run.
  while ((await s.channels.get(owner, channel!.id)).status !== "connected")
    await new Promise((r) => setTimeout(r, 50));
  const campaign = await s.campaigns.create(owner, {
    name: "Benchmark",
    channelId: channel!.id,
    body: "{Halo|Hai} {{name}} dari {{kota}}, promo 10.10!",
    audience: { type: "labels", labels: ["bench"], match: "any" },
  });
  const done = new Promise<void>((resolve) =>
    kabar.bus.on(
      "campaign.status",
      (e) => e.campaignId === campaign.id && ["completed", "failed"].includes(e.status) && resolve(),
    ),
  );
  const rss = rssSampler();
  const t0 = performance.now();
  await s.campaigns.start(owner, campaign.id);
  const tSnapshot = performance.now() - t0;
  await done;
  const engineMs = performance.now() - t0;
  const peakRss = rss.stop();
  const final = await s.campaigns.get(owner, campaign.id);

  // The floor: one bare UPDATE per recipient on the same database.
  const client = await pool.connect();
  await client.query("CREATE TEMP TABLE bench_floor (id int PRIMARY KEY, status text)");
  await client.query(`INSERT INTO bench_floor SELECT g, 'pending' FROM generate_series(1, ${RECIPIENTS}) g`);
  const f0 = performance.now();
  for (let i = 1; i <= RECIPIENTS; i++)
    await client.query(`UPDATE bench_floor SET status = 'sent' WHERE id = $1`, [i]);
  const floorMs = performance.now() - f0;
  client.release();

  const c = final.counts;
  console.log(`\ncampaign: ${RECIPIENTS.toLocaleString("en")} recipients, status ${final.status}`);
  console.log(
    `  outcome: sent ${c.sent + c.delivered + c.read}, skipped ${c.skipped} (not on WhatsApp), failed ${c.failed}`,
  );
  console.log(`  audience snapshot: ${tSnapshot.toFixed(0)} ms`);
  console.log(
    `  engine: ${(engineMs / 1000).toFixed(2)} s → ${Math.round(RECIPIENTS / (engineMs / 1000)).toLocaleString("en")} recipients/s`,
  );
  console.log(
    `  dispatch overhead per message: p50 ${quantile(overheads, 0.5).toFixed(2)} ms, p99 ${quantile(overheads, 0.99).toFixed(2)} ms (${overheads.length} samples)`,
  );
  console.log(`  peak RSS: ${peakRss.toFixed(0)} MiB`);
  if (SAAS) {
    const b = (await quotaBalance(db, owner.tenantId))!;
    console.log(`  message units used: ${b.periodUsed + b.topupUsed} (= messages sent)`);
  }
  console.log(
    `floor: ${RECIPIENTS.toLocaleString("en")} bare UPDATEs in ${(floorMs / 1000).toFixed(2)} s → ${Math.round(RECIPIENTS / (floorMs / 1000)).toLocaleString("en")}/s`,
  );
  console.log(`ratio engine / floor: ${(engineMs / floorMs).toFixed(2)}×`);

  // Import: a generated CSV of IMPORT_ROWS rows (1 in 1,000 with a bad phone).
  const csv = join(tmpdir(), `kabar-bench-${process.pid}.csv`);
  await writeLargeCsv(csv, IMPORT_ROWS);
  const i0 = performance.now();
  const summary = await s.imports.run(owner, createReadStream(csv), { filename: "bench.csv" });
  const importMs = performance.now() - i0;
  await rm(csv, { force: true });
  console.log(
    `\nimport: ${IMPORT_ROWS.toLocaleString("en")}-row CSV in ${(importMs / 1000).toFixed(2)} s → ${Math.round(IMPORT_ROWS / (importMs / 1000)).toLocaleString("en")} rows/s ` +
      `(created ${summary.created}, merged ${summary.merged}, rejected ${summary.rejected})`,
  );
} finally {
  await close();
}

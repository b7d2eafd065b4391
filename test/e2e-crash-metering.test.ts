/**
 * Quota metering survives kill -9 (issue 14, docs/billing.md "Quota metering"): a SaaS
 * Kabar server process sends a metered campaign on the sandbox, is killed mid-way and
 * started again; when the campaign is done, the units used equal the messages sent —
 * none counted twice (a requeued recipient gave its unit back before taking it again) and
 * none lost (a recipient a receipt proved sent after the requeue takes its unit again).
 */
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import * as schema from "../src/db/schema/index.js";
import { applyPaid, listPackages, quotaBalance, startTrial } from "../src/modules/billing/index.js";
import { type CrashServer, crashServer } from "./support/crash-server.js";
import { waitFor } from "./support/wait.js";

const CONTACTS = 400;
let server: CrashServer;
let db: pg.Client;
const http = <T>(method: string, path: string, body?: unknown) => server.http<T>(method, path, body);

beforeAll(async () => {
  server = await crashServer({ KABAR_SECRET_KEY: "d".repeat(64), KABAR_MODE: "saas" });
  db = server.db;
}, 120_000);
afterAll(async () => server?.close());

async function sentCount(campaignId: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 AND status IN ('sent', 'delivered', 'read', 'suspected_drop')`,
    [campaignId],
  );
  return r.rows[0]!.n;
}

describe("a metered campaign survives kill -9", () => {
  it("after the crash and the resume, units used equal messages sent", async () => {
    const orm = drizzle(db, { schema });
    const tenantId = (await db.query<{ id: string }>("SELECT id FROM tenants LIMIT 1")).rows[0]!.id;
    const bisnis = (await listPackages(orm)).find((p) => p.code === "bisnis")!;
    await orm.transaction(async (tx) => {
      await startTrial(tx, tenantId, new Date());
      await applyPaid(
        tx,
        tenantId,
        { kind: "subscription", packageId: bisnis.id, cycle: "monthly" },
        new Date(),
        "Asia/Jakarta",
      );
    });
    await db.query(
      `INSERT INTO contacts (tenant_id, phone, name, labels, name_source)
       SELECT $1, '+62878' || lpad(g::text, 8, '0'), 'Pelanggan ' || g, ARRAY['meter'], 'import' FROM generate_series(1, ${CONTACTS}) g`,
      [tenantId],
    );
    const [channel] = await http<Array<{ id: string }>>("GET", "/channels");
    await http("PATCH", `/channels/${channel!.id}`, { pacing: { ...PACING_PRESETS.off, concurrency: 1 } });
    const campaign = await http<{ id: string }>("POST", "/campaigns", {
      name: "Meter",
      channelId: channel!.id,
      body: "Halo {{name}}, kuota!",
      audience: { type: "labels", labels: ["meter"] },
    });
    await http("POST", `/campaigns/${campaign.id}/start`);
    await waitFor(async () => ((await sentCount(campaign.id)) >= 100 ? true : undefined), 60_000);
    await server.kill();
    await server.start();
    await waitFor(async () => {
      const r = await db.query<{ status: string }>("SELECT status FROM campaigns WHERE id = $1", [
        campaign.id,
      ]);
      return r.rows[0]!.status === "completed" ? true : undefined;
    }, 90_000);
    // Receipts after the restart may still revive requeued recipients: wait until the counts agree.
    let used = -1;
    let sent = -2;
    await waitFor(async () => {
      const b = (await quotaBalance(orm, tenantId))!;
      used = b.periodUsed + b.topupUsed;
      sent = await sentCount(campaign.id);
      return used === sent ? true : undefined;
    }, 30_000).catch(() => undefined);
    expect(used).toBe(sent);
    expect(sent).toBeGreaterThan(100);
  });
});

/**
 * A reminder run's messages are written whatever their number: one INSERT of every
 * customer would pass PostgreSQL's 65,535 parameters (4 per row) past ~16,000 customers,
 * which a large shop's first day can reach.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { recordRun } from "../src/modules/reminders/queries.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
beforeAll(async () => {
  k = await startTestKabar();
});
afterAll(async () => k?.close());

it("records a run of 20,000 customers, every one once", async () => {
  const tenantId = k.owner.tenantId;
  const { rows } = await k.database.pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, phone, name)
     SELECT $1, '+62857' || lpad(g::text, 8, '0'), 'Pelanggan ' || g FROM generate_series(1, 20000) g
     RETURNING id`,
    [tenantId],
  );
  const runId = randomUUID();
  await k.database.db.transaction((tx) =>
    recordRun(
      tx,
      tenantId,
      runId,
      rows.map((r) => ({ contactId: r.id, columns: ["Kopi Susu", "-"], reminderIds: [] })),
      new Date(),
    ),
  );
  const written = await k.database.pool.query<{ n: number; contacts: number }>(
    "SELECT count(*)::int AS n, count(DISTINCT contact_id)::int AS contacts FROM reminder_run_messages WHERE run_id = $1",
    [runId],
  );
  expect(written.rows[0]).toEqual({ n: 20_000, contacts: 20_000 });
});

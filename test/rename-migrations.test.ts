/**
 * The renames of issue 10 convert the rows a shop already has: a channel of kind `baileys`
 * becomes `whatsapp_web`, a snoozed conversation's `pending` becomes `snoozed`; everything
 * else stays as it was (message and recipient `pending` still mean unsent).
 */
import { rmSync } from "node:fs";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, runMigrations, type Database } from "../src/db/client.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { migrationsUpTo } from "./support/migrations.js";

let url: string;
let database: Database;
let before: string;

const SHOP = "0a0a0a0a-0000-4000-8000-00000000000a";
const CH_WEB = "0a0a0a0a-0000-4000-8000-0000000000c1";
const CH_SANDBOX = "0a0a0a0a-0000-4000-8000-0000000000c2";
const CH_CLOUD = "0a0a0a0a-0000-4000-8000-0000000000c3";
const CONTACTS = [1, 2, 3].map((i) => `0a0a0a0a-0000-4000-8000-0000000000d${i}`);
const SNOOZED_UNTIL = new Date("2099-01-01T02:00:00Z");

beforeAll(async () => {
  url = await createTestDatabase();
  database = openDatabase(url, 2);
  before = migrationsUpTo("0013_sign_in_throttle");
  await migrate(database.db, { migrationsFolder: before });
  const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
  await q(`INSERT INTO tenants (id, name) VALUES ($1, 'Toko A')`, [SHOP]);
  await q(
    `INSERT INTO channels (id, tenant_id, name, kind, phone, status, pacing) VALUES
       ($1, $4, 'WA Toko', 'baileys', '+6281200000001', 'connected', '{}'::jsonb),
       ($2, $4, 'Demo', 'sandbox', '+6281190000001', 'connected', '{}'::jsonb),
       ($3, $4, 'Resmi', 'cloud_api', NULL, 'disconnected', '{}'::jsonb)`,
    [CH_WEB, CH_SANDBOX, CH_CLOUD, SHOP],
  );
  for (const [i, id] of CONTACTS.entries())
    await q(`INSERT INTO contacts (id, tenant_id, phone) VALUES ($1, $2, $3)`, [
      id,
      SHOP,
      `+62812000000${i}`,
    ]);
  await q(
    `INSERT INTO conversations (tenant_id, channel_id, contact_id, status, snoozed_until) VALUES
       ($1, $2, $3, 'pending', $6), ($1, $2, $4, 'open', NULL), ($1, $2, $5, 'resolved', NULL)`,
    [SHOP, CH_WEB, ...CONTACTS, SNOOZED_UNTIL],
  );
  await q(
    `INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, status)
     VALUES ($1, $2, $3, 'out', '3EB0PENDING', 'Halo', 'pending')`,
    [SHOP, CH_WEB, CONTACTS[1]],
  );
  await runMigrations(database);
});

afterAll(async () => {
  await database?.close();
  if (url) await dropTestDatabase(url);
  rmSync(before, { recursive: true, force: true });
});

describe("migration 0014: channel kind whatsapp_web", () => {
  it("names a WhatsApp Web channel whatsapp_web and leaves the other kinds and fields as they were", async () => {
    const r = await database.pool.query(
      "SELECT id, name, kind, phone, status FROM channels WHERE tenant_id = $1 ORDER BY name",
      [SHOP],
    );
    expect(r.rows).toEqual([
      { id: CH_SANDBOX, name: "Demo", kind: "sandbox", phone: "+6281190000001", status: "connected" },
      { id: CH_CLOUD, name: "Resmi", kind: "cloud_api", phone: null, status: "disconnected" },
      { id: CH_WEB, name: "WA Toko", kind: "whatsapp_web", phone: "+6281200000001", status: "connected" },
    ]);
  });
});

describe("migration 0015: conversation status snoozed", () => {
  it("names a snoozed conversation snoozed, keeps its time, and leaves the others and unsent messages alone", async () => {
    const r = await database.pool.query(
      "SELECT contact_id, status, snoozed_until FROM conversations WHERE tenant_id = $1 ORDER BY contact_id",
      [SHOP],
    );
    expect(r.rows).toEqual([
      { contact_id: CONTACTS[0], status: "snoozed", snoozed_until: SNOOZED_UNTIL },
      { contact_id: CONTACTS[1], status: "open", snoozed_until: null },
      { contact_id: CONTACTS[2], status: "resolved", snoozed_until: null },
    ]);
    const m = await database.pool.query("SELECT status FROM messages WHERE external_id = '3EB0PENDING'");
    expect(m.rows).toEqual([{ status: "pending" }]);
  });
});

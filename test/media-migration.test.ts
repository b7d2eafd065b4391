/**
 * Migration 0011 turns media named by a path into media rows named by id: a shop keeps its
 * own uploads and the files its customers sent; a path to another shop's file, or to any
 * other file under the data directory, is dropped; links and Meta media ids stay.
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

const A = "0a0a0a0a-0000-4000-8000-00000000000a";
const B = "0b0b0b0b-0000-4000-8000-00000000000b";
const CH_A = "0a0a0a0a-0000-4000-8000-0000000000c1";
const CONTACT_A = "0a0a0a0a-0000-4000-8000-0000000000d1";
const FILE_A = "1f1f1f1f-0000-4000-8000-000000000001";
const INBOX_A = "1f1f1f1f-0000-4000-8000-000000000002";

beforeAll(async () => {
  url = await createTestDatabase();
  database = openDatabase(url, 2);
  before = migrationsUpTo("0010_channel_link");
  await migrate(database.db, { migrationsFolder: before });
  const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
  await q(`INSERT INTO tenants (id, name) VALUES ($1, 'Toko A'), ($2, 'Toko B')`, [A, B]);
  await q(
    `INSERT INTO channels (id, tenant_id, name, kind, pacing) VALUES ($1, $2, 'A', 'sandbox', '{}'::jsonb)`,
    [CH_A, A],
  );
  await q(`INSERT INTO contacts (id, tenant_id, phone) VALUES ($1, $2, '+6281200000001')`, [CONTACT_A, A]);
  const template = (tenant: string, name: string, media: unknown) =>
    q(`INSERT INTO templates (tenant_id, name, body, media) VALUES ($1, $2, 'Halo', $3::jsonb)`, [
      tenant,
      name,
      JSON.stringify(media),
    ]);
  await template(A, "own upload", {
    type: "image",
    url: `media/templates/${A}/${FILE_A}.png`,
    mimeType: "image/png",
  });
  await template(A, "own upload again", { type: "image", url: `media/templates/${A}/${FILE_A}.png` });
  await template(A, "inbox upload", {
    type: "document",
    url: `media/inbox/${A}/${INBOX_A}.pdf`,
    filename: "Harga.pdf",
  });
  await template(B, "A's upload", { type: "image", url: `media/templates/${A}/${FILE_A}.png` });
  await template(B, "secret key", { type: "document", url: "secret.key" });
  await template(B, "table file", { type: "document", url: "pg/base/16384/2619" });
  await template(B, "link", { type: "image", url: "https://cdn.toko.test/promo.jpg" });
  await template(B, "meta id", { type: "image", url: "wa-media:998877" });
  const message = (direction: string, externalId: string, media: unknown) =>
    q(
      `INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, media, status) VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'received')`,
      [A, CH_A, CONTACT_A, direction, externalId, JSON.stringify(media)],
    );
  await message("in", "IN1", { type: "image", url: `media/${CH_A}/IN1.jpg`, mimeType: "image/jpeg" });
  await message("in", "IN2", { type: "image", url: `media/${CH_A}/../secret.key` });
  await message("out", "OUT1", {
    type: "document",
    url: `media/inbox/${A}/${INBOX_A}.pdf`,
    filename: "Harga.pdf",
  });
  await runMigrations(database);
});

afterAll(async () => {
  await database?.close();
  if (url) await dropTestDatabase(url);
  rmSync(before, { recursive: true, force: true });
});

async function templates(tenant: string): Promise<Record<string, unknown>> {
  const r = await database.pool.query<{ name: string; media: unknown }>(
    "SELECT name, media FROM templates WHERE tenant_id = $1",
    [tenant],
  );
  return Object.fromEntries(r.rows.map((x) => [x.name, x.media]));
}

describe("migration 0011: media by id", () => {
  it("keeps a shop's own uploads as media rows of that shop, named by id", async () => {
    expect(await templates(A)).toEqual({
      "own upload": { type: "image", id: FILE_A, mimeType: "image/png" },
      "own upload again": { type: "image", id: FILE_A },
      "inbox upload": { type: "document", id: INBOX_A, filename: "Harga.pdf" },
    });
    const rows = await database.pool.query(
      "SELECT id, tenant_id, type, path, source FROM media WHERE source = $1 ORDER BY path",
      ["upload"],
    );
    expect(rows.rows).toEqual([
      {
        id: INBOX_A,
        tenant_id: A,
        type: "document",
        path: `media/inbox/${A}/${INBOX_A}.pdf`,
        source: "upload",
      },
      {
        id: FILE_A,
        tenant_id: A,
        type: "image",
        path: `media/templates/${A}/${FILE_A}.png`,
        source: "upload",
      },
    ]);
  });

  it("drops every path that is not the shop's own file, and keeps links and Meta media ids", async () => {
    expect(await templates(B)).toEqual({
      "A's upload": null,
      "secret key": null,
      "table file": null,
      link: { type: "image", url: "https://cdn.toko.test/promo.jpg" },
      "meta id": { type: "image", waMediaId: "998877" },
    });
  });

  it("turns files customers sent into received media rows, and names them by id in their messages", async () => {
    const r = await database.pool.query<{ external_id: string; media: { id?: string } | null }>(
      "SELECT external_id, media FROM messages ORDER BY external_id",
    );
    const byId = Object.fromEntries(r.rows.map((x) => [x.external_id, x.media]));
    expect(byId.IN1).toEqual({ type: "image", id: expect.any(String), mimeType: "image/jpeg" });
    expect(byId.IN2).toBeNull();
    expect(byId.OUT1).toEqual({ type: "document", id: INBOX_A, filename: "Harga.pdf" });
    const received = await database.pool.query("SELECT tenant_id, path, source FROM media WHERE id = $1", [
      byId.IN1!.id,
    ]);
    expect(received.rows).toEqual([{ tenant_id: A, path: `media/${CH_A}/IN1.jpg`, source: "received" }]);
  });
});

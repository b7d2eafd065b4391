/**
 * Contact imports against hostile or broken files (issue 9 §2, §5, §7): zip bombs,
 * malformed workbooks, NUL bytes and invalid UTF-8, a 1 MB line, binary files, imports
 * cut by a crash, and formulas in the rejected-rows download.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { imports } from "../src/db/schema/index.js";
import type { ImportSummary } from "../src/modules/contacts/imports.js";
import { sweepStaleImports } from "../src/modules/contacts/imports.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import {
  apiClient,
  errorOf,
  multipartBody,
  ok,
  uploadContacts,
  type Api,
  type ContactPage,
  type RejectedRow,
} from "./support/api.js";
import { bombXlsx, makeXlsx, xlsxWithSheet } from "./fixtures/contacts/zip.js";

let k: TestKabar;
let api: Api;

/** A test number: +62 813 7770 nnnn (no other test uses this range). */
const local = (n: number) => `0813-7770-0${String(n).padStart(3, "0")}`;
const e164 = (n: number) => `+6281377700${String(n).padStart(3, "0")}`;

const preview = (filename: string, content: Buffer | string) => {
  const { payload, headers } = multipartBody([{ name: "file", filename, value: content }]);
  return api<Record<string, unknown>>("POST", "/contacts/imports/preview", payload, { headers });
};
const rejected = (id: string) => ok(api<RejectedRow[]>("GET", `/contacts/imports/${id}/errors`));
const search = async (q: string) =>
  (await ok(api<ContactPage>("GET", `/contacts?search=${encodeURIComponent(q)}`))).items;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

describe("xlsx zip bombs and broken workbooks", () => {
  it("refuses a zip bomb on preview and on import with a 4xx naming the limit, before parsing", async () => {
    const bomb = await bombXlsx(120);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const p = await preview("bom.xlsx", bomb);
    expect(p.status).toBe(422);
    expect(errorOf(p).code).toBe("file_rejected");
    expect(errorOf(p).message).toMatch(/100 MB/);
    const r = await uploadContacts(api, "bom.xlsx", bomb);
    expect(r.status).toBe(422);
    expect(errorOf(r)).toMatchObject({ code: "file_rejected" });
    const [latest] = await ok(api<ImportSummary[]>("GET", "/contacts/imports"));
    expect(latest).toMatchObject({ filename: "bom.xlsx", status: "failed", created: 0 });
    expect(latest!.error).toMatch(/100 MB/);
  });

  it("counts the real inflated bytes: an archive that declares small sizes is still refused", async () => {
    const liar = await bombXlsx(120, { declaredSize: 2000 });
    const p = await preview("bohong.xlsx", liar);
    expect(p.status).toBe(422);
    expect(errorOf(p)).toMatchObject({
      code: "file_rejected",
      fields: { file: expect.stringMatching(/100 MB/) },
    });
  });

  it("survives ten concurrent zip-bomb previews with the heap bounded", async () => {
    const bomb = await bombXlsx(120);
    const before = process.memoryUsage().heapUsed;
    const answers = await Promise.all(Array.from({ length: 10 }, () => preview("bom.xlsx", bomb)));
    for (const a of answers) expect([422, 503]).toContain(a.status);
    expect(answers.filter((a) => a.status === 422).length).toBeGreaterThan(0);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(300 * 1024 * 1024);
    expect((await api("GET", "/contacts?pageSize=1")).status).toBe(200);
  });

  it("imports a normal workbook after the checks", async () => {
    const xlsx = makeXlsx([
      ["nama", "telepon"],
      ["Wati", local(1)],
      ["Tanpa Nomor", ""],
    ]);
    const p = await ok(preview("kontak.xlsx", xlsx));
    expect(p).toMatchObject({
      format: "xlsx",
      headers: ["nama", "telepon"],
      rows: [
        ["Wati", local(1)],
        ["Tanpa Nomor", ""],
      ],
    });
    const summary = await ok(uploadContacts(api, "kontak.xlsx", xlsx), 201);
    expect(summary).toMatchObject({ status: "completed", created: 1, rejected: 1 });
    expect((await search(e164(1)))[0]).toMatchObject({ name: "Wati" });
  });

  it("answers a truncated or damaged workbook with a 4xx, on preview and on import", async () => {
    const xlsx = makeXlsx([
      ["nama", "telepon"],
      ["Wati", local(2)],
    ]);
    const truncated = xlsx.subarray(0, Math.floor(xlsx.length * 0.6));
    const damaged = Buffer.from(xlsx);
    damaged.fill(0x41, 200, 400);
    const badSheet = xlsxWithSheet("<worksheet><sheetData><row><c><v>1</v></row>");
    for (const [name, file] of [
      ["potong.xlsx", truncated],
      ["rusak.xlsx", damaged],
      ["sheet.xlsx", badSheet],
    ] as const) {
      const p = await preview(name, file);
      expect({ name, status: p.status }).toEqual({ name, status: 422 });
      expect(errorOf(p).code).toMatch(/^file_/);
      const r = await uploadContacts(api, name, file);
      expect({ name, status: r.status }).toEqual({ name, status: 422 });
      expect(errorOf(r).message).not.toMatch(/at .*\.js|node_modules/);
    }
  });
});

describe("bad rows", () => {
  it("rejects only the row with a NUL byte, by line, and never shows SQL", async () => {
    const csv = Buffer.from(
      `nama,telepon\nAni,${local(10)}\nBa\u0000du,${local(11)}\nCici,${local(12)}\nDedi,${local(13)}\n`,
    );
    const summary = await ok(uploadContacts(api, "nul.csv", csv), 201);
    expect(summary).toMatchObject({ status: "completed", created: 3, rejected: 1, error: null });
    const [row] = await rejected(summary.id);
    expect(row).toMatchObject({ line: 3 });
    expect(row!.reason).toMatch(/NUL/);
    expect(JSON.stringify(await ok(api("GET", `/contacts/imports/${summary.id}`)))).not.toMatch(
      /INSERT|params|query/i,
    );
    expect((await search(e164(13)))[0]).toMatchObject({ name: "Dedi" });
  });

  it("keeps the good rows of a batch the database refuses, and rejects only the refused row (with a reference, no SQL)", async () => {
    const db = k.database.db;
    await db.execute(sql`CREATE FUNCTION test_refuse_meledak() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Meledak' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$`);
    await db.execute(
      sql`CREATE TRIGGER test_refuse_meledak BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION test_refuse_meledak()`,
    );
    try {
      const csv = `nama,telepon\nIin,${local(30)}\nMeledak,${local(31)}\nJaka,${local(32)}\nKiki,${local(33)}\n`;
      const summary = await ok(uploadContacts(api, "trigger.csv", csv), 201);
      expect(summary).toMatchObject({ status: "completed", created: 3, rejected: 1, error: null });
      const [row] = await rejected(summary.id);
      expect(row!.line).toBe(3);
      expect(row!.reason).toMatch(/^could not be stored \(error reference [0-9a-f]{8}\)$/);
      expect((await search(e164(33)))[0]).toMatchObject({ name: "Kiki" });
    } finally {
      await db.execute(sql`DROP TRIGGER test_refuse_meledak ON contacts`);
      await db.execute(sql`DROP FUNCTION test_refuse_meledak()`);
    }
  });

  it("fails an import on an internal error with a reference only, never the SQL or the data", async () => {
    const db = k.database.db;
    await db.execute(
      sql`CREATE FUNCTION test_refuse_rows() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test trigger'; END $$`,
    );
    await db.execute(
      sql`CREATE TRIGGER test_refuse_rows BEFORE INSERT ON import_rows FOR EACH ROW EXECUTE FUNCTION test_refuse_rows()`,
    );
    try {
      const summary = await ok(
        uploadContacts(api, "gagal.csv", `nama,telepon\nLina Rahasia,${local(34)}\n`),
        201,
      );
      expect(summary.status).toBe("failed");
      expect(summary.error).toMatch(/internal error \(reference [0-9a-f]{8}\)/);
      expect(summary.error).not.toMatch(/INSERT|import_rows|params|Lina|refused/i);
    } finally {
      await db.execute(sql`DROP TRIGGER test_refuse_rows ON import_rows`);
      await db.execute(sql`DROP FUNCTION test_refuse_rows()`);
    }
  });

  it("rejects a row that is not valid UTF-8 alone, with a reason", async () => {
    const csv = Buffer.concat([
      Buffer.from(`nama,telepon\nEka,${local(14)}\nJos`),
      Buffer.from([0xe9, 0xff]),
      Buffer.from(`,${local(15)}\nFani,${local(16)}\n`),
    ]);
    const summary = await ok(uploadContacts(api, "latin.csv", csv), 201);
    expect(summary).toMatchObject({ status: "completed", created: 2, rejected: 1 });
    const [row] = await rejected(summary.id);
    expect(row).toMatchObject({ line: 3 });
    expect(row!.reason).toMatch(/UTF-8/);
  });

  it("applies the API field limits: a 1 MB line and a 201-character name are rejected by line, naming the limit", async () => {
    const csv = `nama,telepon,kota\n${"N".repeat(1024 * 1024)},${local(20)},Solo\n${"x".repeat(201)},${local(21)},Solo\nGita,${local(22)},${"k".repeat(1001)}\nHadi,${local(23)},Solo\n`;
    const summary = await ok(uploadContacts(api, "panjang.csv", csv), 201);
    expect(summary).toMatchObject({ status: "completed", created: 1, rejected: 3 });
    const rows = await rejected(summary.id);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(rows[0]!.reason).toMatch(/longer than 131072 bytes/);
    expect(rows[0]!.raw!.length).toBeLessThan(5000);
    expect(rows[1]!.reason).toMatch(/name.*200 characters/);
    expect(rows[2]!.reason).toMatch(/kota.*1000 characters/);
    expect(await search(e164(20))).toEqual([]);
    expect((await search(e164(23)))[0]).toMatchObject({ name: "Hadi" });
  });

  it("escapes spreadsheet formulas in the rejected-rows download, like the export", async () => {
    const csv = `nama,telepon\n=HYPERLINK("http://x"),123\n@SUM(1),\n-cmd,12\n`;
    const summary = await ok(uploadContacts(api, "formula.csv", csv), 201);
    const download = await api<string>("GET", `/contacts/imports/${summary.id}/errors?format=csv`);
    const lines = download.text.slice(1).split("\r\n");
    expect(lines[1]).toBe(`2,"invalid phone ""123"": too short","'=HYPERLINK(""http://x""),123"`);
    expect(lines[2]).toBe(`3,no phone number,"'@SUM(1),"`);
    expect(lines[3]).toMatch(/^4,.*,"'-cmd,12"$/);
  });
});

describe("binary files and interrupted imports", () => {
  it("fails a binary file at once with a clear reason (it never stays processing)", async () => {
    let seed = 7;
    const random = Buffer.from(
      Buffer.alloc(2 * 1024 * 1024, 0).map(() => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return (seed >>> 24) & 0xff;
      }),
    );
    const r = await uploadContacts(api, "data.csv", random);
    expect(r.status).toBe(422);
    expect(errorOf(r)).toMatchObject({ code: "file_rejected" });
    expect(errorOf(r).fields!.file).toMatch(/not a text file/i);
    const [latest] = await ok(api<ImportSummary[]>("GET", "/contacts/imports"));
    expect(latest).toMatchObject({ filename: "data.csv", status: "failed" });
    expect(latest!.finishedAt).not.toBeNull();
    const p = await preview("data.csv", random);
    expect(p.status).toBe(422);
  });

  it("marks an import left processing by a dead process as failed, and leaves a live one alone", async () => {
    const tenantId = (await k.database.db.select({ t: imports.tenantId }).from(imports).limit(1))[0]!.t;
    const [stale] = await k.database.db
      .insert(imports)
      .values({
        tenantId,
        filename: "mati.csv",
        format: "csv",
        heartbeatAt: new Date(Date.now() - 10 * 60_000),
      })
      .returning();
    const [live] = await k.database.db
      .insert(imports)
      .values({ tenantId, filename: "hidup.csv", format: "csv" })
      .returning();
    expect(await sweepStaleImports(k.database.db)).toBeGreaterThanOrEqual(1);
    const [s] = await k.database.db.select().from(imports).where(eq(imports.id, stale!.id));
    expect(s).toMatchObject({ status: "failed" });
    expect(s!.error).toMatch(/interrupted/);
    expect(s!.finishedAt).not.toBeNull();
    const [l] = await k.database.db.select().from(imports).where(eq(imports.id, live!.id));
    expect(l!.status).toBe("processing");
    await k.database.db.execute(sql`DELETE FROM imports WHERE id = ${live!.id}`);
  });
});

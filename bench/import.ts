/**
 * What the .xlsx archive check costs a contact import, and what it saves against a zip bomb.
 *
 * - Workbook: N rows (default 50,000; `-- --rows N`) read the way Kabar reads them
 *   (readXlsxRows: exceljs's streaming reader), with the archive check of xlsx-guard.ts in
 *   front, against the baseline in the same run: the same reader on the raw file, as Kabar
 *   read it before the check. Runs alternate; the median of `--runs` (default 5) is printed.
 * - Zip bomb: a ~1.4 MB archive whose sheet unpacks to 400 MB: how long the check takes to
 *   refuse it and how much heap that costs (before the check, one such preview cost ~360 MB
 *   of heap and ten at once ended the process).
 *
 * Run: `npm run bench:import`. Figures in the README are quoted with the machine.
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { checkXlsxArchive } from "../src/modules/contacts/import/xlsx-guard.js";
import { readXlsxRows } from "../src/modules/contacts/import/xlsx-reader.js";
import { bombXlsx } from "../test/fixtures/contacts/zip.js";
import { machine } from "./support.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg("rows", 50_000);
const RUNS = arg("runs", 5);

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Kontak");
  ws.addRow(["Nama", "Telepon", "Kota", "Catatan"]);
  for (let i = 0; i < rows; i++)
    ws.addRow([
      `Pelanggan ${i}`,
      `0812${String(10_000_000 + i)}`,
      i % 2 ? "Bandung" : "Surabaya",
      "Langganan sejak 2024",
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function countRows(input: Readable, head: Buffer): Promise<number> {
  let n = 0;
  for await (const row of readXlsxRows(input, head)) if ("cells" in row) n++; // the header row included
  return n;
}

const baseline = (file: Buffer) => countRows(Readable.from([file]), file.subarray(0, 8));
const checked = async (file: Buffer) => countRows(await checkXlsxArchive(file), file.subarray(0, 8));

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Peak heap growth while `fn` runs, sampled every 5 ms, MB. */
async function peakHeapMb(fn: () => Promise<unknown>): Promise<number> {
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  await fn().catch(() => undefined);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  clearInterval(timer);
  return Math.round((peak - base) / 2 ** 20);
}

async function main(): Promise<void> {
  console.log(`bench:import — ${machine()}`);
  const file = await workbook(ROWS);
  console.log(`workbook: ${ROWS.toLocaleString("en")} rows, ${(file.length / 2 ** 20).toFixed(1)} MB`);
  const base: number[] = [];
  const guard: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const b = await timed(() => baseline(file));
    const g = await timed(() => checked(file));
    if (b.value !== g.value || g.value !== ROWS + 1)
      throw new Error(`row counts differ: ${b.value} vs ${g.value}`);
    base.push(b.ms);
    guard.push(g.ms);
  }
  const mb = median(base);
  const mg = median(guard);
  console.log(
    `  baseline (reader on the raw file): ${Math.round(mb)} ms, ${Math.round(ROWS / (mb / 1000)).toLocaleString("en")} rows/s`,
  );
  console.log(
    `  with the archive check:            ${Math.round(mg)} ms, ${Math.round(ROWS / (mg / 1000)).toLocaleString("en")} rows/s (${mg >= mb ? "+" : ""}${Math.round(((mg - mb) / mb) * 100)} %)`,
  );

  const bomb = await bombXlsx(400);
  console.log(`zip bomb: ${(bomb.length / 2 ** 10).toFixed(0)} KB unpacking to 400 MB`);
  const refused = await timed(() =>
    checked(bomb).then(
      () => "read",
      (e: Error) => e.message,
    ),
  );
  console.log(
    `  with the archive check: refused in ${Math.round(refused.ms)} ms (${refused.value}), heap +${await peakHeapMb(() => checked(bomb))} MB`,
  );
}

await main();

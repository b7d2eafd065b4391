import { outletOption } from "../outlet.js";
import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { Option, type Command } from "commander";
import { z } from "zod";
import type { ImportFormat, ColumnMapping, ImportSummary } from "../../modules/contacts/index.js";
import type { CliContext } from "../context.js";
import { CliError } from "../errors.js";
import { formatNumber, renderPairs, splitList } from "../format.js";
import { print } from "../output.js";
import { runPrepared } from "../run.js";

const FORMATS = ["csv", "google", "outlook", "xlsx", "vcard"] as const;
/** Rejected rows printed after an import; the rest are downloadable. */
const SHOWN_ERRORS = 20;

/** The options as commander gives them. */
interface ImportFlags {
  format?: ImportFormat;
  labels?: string;
  mapping?: string;
  delimiter?: string;
}

/** The options checked and converted. */
interface ImportInput {
  file: string;
  format?: ImportFormat;
  labels: string[];
  mapping?: ColumnMapping;
  delimiter?: string;
}

const mappingSchema = z.strictObject({
  phone: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  labels: z.string().min(1).optional(),
  attributes: z.record(z.string(), z.string().min(1)).optional(),
});

/**
 * The `--mapping` JSON: `{"phone":"No HP","name":"Nama","labels":"Grup","attributes":{"kota":"Kota"}}`
 * (values are the file's column headers).
 * @throws CliError when it is not JSON of that shape
 */
export function parseMapping(json: string): ColumnMapping {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new CliError(`--mapping is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join(".") || "(mapping)"}: ${i.message}`)
      .join("; ");
    throw new CliError(
      `--mapping: ${problems} (expected {"phone":"<header>","name":"<header>","labels":"<header>","attributes":{"key":"<header>"}})`,
    );
  }
  return parsed.data;
}

/** `--delimiter`: one character; `\t` or "tab" mean a tab. @throws CliError otherwise */
export function parseDelimiter(value: string): string {
  const d = value === "\\t" || value.toLowerCase() === "tab" ? "\t" : value;
  if (d.length !== 1) throw new CliError(`--delimiter must be one character (or \\t), not "${value}"`);
  return d;
}

/** "12,000 rows: 11,500 new, 300 merged, 200 rejected". */
function countsText(s: { totalRows: number; created: number; merged: number; rejected: number }): string {
  return `${formatNumber(s.totalRows)} rows: ${formatNumber(s.created)} new, ${formatNumber(s.merged)} merged, ${formatNumber(s.rejected)} rejected`;
}

/** The running count on one terminal line (stderr, only on a terminal). */
function progressLine(): { update(s: Parameters<typeof countsText>[0]): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  return {
    update(s) {
      if (!tty) return;
      process.stderr.write(`\r\x1b[KImporting… ${countsText(s)}`);
      shown = true;
    },
    end() {
      if (shown) process.stderr.write("\r\x1b[K");
    },
  };
}

function prepare(file: string, o: ImportFlags): ImportInput {
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new CliError(`no such file: ${file}`);
  return {
    file,
    format: o.format,
    labels: splitList(o.labels),
    mapping: o.mapping === undefined ? undefined : parseMapping(o.mapping),
    delimiter: o.delimiter === undefined ? undefined : parseDelimiter(o.delimiter),
  };
}

async function importContacts(ctx: CliContext, { file, ...opts }: ImportInput): Promise<number> {
  const progress = progressLine();
  let summary: ImportSummary;
  try {
    summary = await ctx.services.imports.run(ctx.actor, createReadStream(file), {
      ...opts,
      filename: basename(file),
      onProgress: (s) => progress.update(s),
    });
  } finally {
    progress.end();
  }
  const labels = summary.labels.length ? `, labels: ${summary.labels.join(", ")}` : "";
  print(`Import ${summary.id}: ${summary.status} (${summary.format}${labels})`);
  print(
    ...renderPairs([
      ["rows", summary.totalRows],
      ["created", summary.created],
      ["merged", summary.merged],
      ["rejected", summary.rejected],
    ]),
  );
  if (summary.error) print(`  error: ${summary.error}`);
  if (summary.rejected > 0) {
    const errors = await ctx.services.imports.errors(ctx.actor, summary.id, SHOWN_ERRORS);
    print(
      "",
      `Rejected rows${summary.rejected > SHOWN_ERRORS ? ` (first ${SHOWN_ERRORS} of ${formatNumber(summary.rejected)})` : ""}:`,
    );
    for (const e of errors) print(`  line ${e.line}: ${e.reason}`);
    print(`All rejected rows: GET /api/v1/contacts/imports/${summary.id}/errors?format=csv`);
  }
  return summary.status === "failed" ? 1 : 0;
}

/** `kabar import contacts <file>`. */
export function registerImport(program: Command): void {
  const cmd = program.command("import").description("import data into the shop");
  cmd
    .command("contacts <file>")
    .description("import contacts from a CSV, Google/Outlook CSV export, Excel .xlsx or vCard file")
    .addOption(new Option("--format <format>", "file format (default: detected)").choices(FORMATS))
    .option("--labels <labels>", "comma-separated labels added to every imported contact")
    .option("--mapping <json>", 'columns to use, e.g. \'{"phone":"No HP","name":"Nama"}\'')
    .option("--delimiter <char>", 'CSV field delimiter, e.g. ";" or \\t (default: detected)')
    .addOption(outletOption())
    .action((file: string, o: ImportFlags, c: Command) =>
      runPrepared(c, {}, () => prepare(file, o), importContacts),
    );
}

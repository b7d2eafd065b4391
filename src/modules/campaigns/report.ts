import { PassThrough, pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { failureWords, fileWords, heldWords, statusWord, type FileWords } from "../../lib/file-words.js";
import { SHEET_DATE_FORMAT, sheetDateText, zoneLabel } from "../../lib/sheet-time.js";
import { campaignErrors } from "./errors.js";
import { campaignReportHeader, reportPage } from "./queries/report.js";

/** A report file format. */
type ReportFormat = "csv" | "xlsx";

/**
 * One recipient as read for the report. Times are wall-clock Dates in the shop's time zone
 * (see src/lib/sheet-time.ts), or null.
 */
type ReportRecord = {
  phone: string;
  name: string;
  /** The name of the shop's number that sends to the recipient. */
  sender: string;
  status: string;
  failureCode: string | null;
  failureReason: string | null;
  heldReason: string | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  repliedAt: Date | null;
};

/** One line of the report as written: text, or a wall-clock Date for the times. */
type ReportLine = Record<ReportKey, string | Date | null>;
type ReportKey =
  | "phone"
  | "name"
  | "sender"
  | "status"
  | "reason"
  | "sentAt"
  | "deliveredAt"
  | "readAt"
  | "repliedAt";
const TIMES = ["sentAt", "deliveredAt", "readAt", "repliedAt"] as const;
type TimeKey = (typeof TIMES)[number];

/**
 * Column keys and headers of the report, in order, in the shop's language; the time
 * headers name the shop's zone ("Terkirim (WIB)").
 */
function reportColumns(words: FileWords, timeZone: string): Array<{ key: ReportKey; header: string }> {
  const h = words.report;
  const tz = ` (${zoneLabel(timeZone)})`;
  return [
    { key: "phone", header: h.phone },
    { key: "name", header: h.name },
    { key: "sender", header: h.sender },
    { key: "status", header: h.status },
    { key: "reason", header: h.reason },
    ...TIMES.map((key) => ({ key, header: `${h[key]}${tz}` })),
  ];
}

/** A record as a line: status and reason in words (the screen's), times as they are. */
function lineOf(r: ReportRecord, words: FileWords): ReportLine {
  return {
    phone: r.phone,
    name: r.name,
    sender: r.sender,
    status: statusWord(words, r.status),
    reason: r.heldReason
      ? heldWords(words, r.heldReason)
      : failureWords(words, r.failureCode, r.failureReason),
    sentAt: r.sentAt,
    deliveredAt: r.deliveredAt,
    readAt: r.readAt,
    repliedAt: r.repliedAt,
  };
}

/** A downloadable report: its stream, content type and file name. */
interface ReportFile {
  stream: Readable;
  contentType: string;
  filename: string;
}

const PAGE = 2000;

/**
 * The per-recipient report of a campaign as a file. Rows are read in keyset pages of
 * 2,000 (never the whole campaign at once) and streamed: CSV through csv-stringify
 * (UTF-8 with BOM and CRLF, so Excel opens it right), XLSX through exceljs's streaming
 * WorkbookWriter. Headers, statuses and reasons are in the shop's language (`tenants.locale`,
 * src/lib/file-words.ts); times are the shop's wall clock: real date cells in XLSX
 * ("dd/mm/yyyy hh:mm"), "06/12/2026 14:05" in CSV. Other cells are text; in CSV a contact
 * name (the one cell that comes from customers' own data) that starts with = + - @ is
 * prefixed with ' so a spreadsheet never runs it as a formula (XLSX text cells are safe as
 * they are).
 * @throws KabarError 404 `campaign_not_found` (also for another tenant's campaign).
 */
export function createCampaignReporter(db: Db) {
  async function* pages(
    tenantId: string,
    campaignId: string,
    timeZone: string,
    words: FileWords,
  ): AsyncGenerator<ReportLine[]> {
    let after = 0;
    for (;;) {
      const rows = await reportPage(db, tenantId, campaignId, timeZone, after, PAGE);
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]!.id);
      yield rows.map((r) => lineOf({ ...r, ...wallClocks(r) }, words));
    }
  }

  return {
    /** The report file of one campaign of the actor's tenant (owners and agents). @throws KabarError 404 */
    async report(actor: Actor, campaignId: string, format: ReportFormat): Promise<ReportFile> {
      const c = await campaignReportHeader(db, actor, campaignId);
      if (!c) throw campaignErrors.notFound();
      const words = fileWords(c.locale);
      const columns = reportColumns(words, c.timeZone);
      const rows = pages(actor.tenantId, campaignId, c.timeZone, words);
      const base = `campaign-${fileSafe(c.name) || campaignId}`;
      if (format === "csv") {
        return {
          stream: csvStream(rows, columns),
          contentType: "text/csv; charset=utf-8",
          filename: `${base}.csv`,
        };
      }
      return {
        stream: xlsxStream(rows, columns, c.name),
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename: `${base}.xlsx`,
      };
    },
  };
}

/** The four times of a report row (wall-clock ISO text), as wall-clock Dates. */
function wallClocks(r: Record<TimeKey, string | null>): Record<TimeKey, Date | null> {
  const at = (s: string | null) => (s ? new Date(s) : null);
  return {
    sentAt: at(r.sentAt),
    deliveredAt: at(r.deliveredAt),
    readAt: at(r.readAt),
    repliedAt: at(r.repliedAt),
  };
}

function fileSafe(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[^\w-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .toLowerCase();
}

/** Neutralises spreadsheet formulas in a CSV cell (OWASP "CSV injection"). */
function safeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvStream(rows: AsyncIterable<ReportLine[]>, columns: ReturnType<typeof reportColumns>): Readable {
  async function* records() {
    for await (const page of rows) {
      for (const r of page) yield { ...r, name: safeCell(String(r.name)) };
    }
  }
  const csv = stringify({
    header: true,
    columns: columns.map((c) => ({ key: c.key, header: c.header })),
    record_delimiter: "windows",
    bom: true,
    cast: { date: sheetDateText },
  });
  // pipeline: a client that goes away stops the reading of further pages.
  return pipeline(Readable.from(records()), csv, () => {});
}

function xlsxStream(
  rows: AsyncIterable<ReportLine[]>,
  columns: ReturnType<typeof reportColumns>,
  sheetName: string,
): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(sheetName.replace(/[*?:\\/[\]]/g, " ").slice(0, 31) || "Report");
  ws.columns = columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.key === "reason" ? 40 : 20,
  }));
  void (async () => {
    try {
      for await (const page of rows) {
        for (const r of page) {
          const row = ws.addRow(r);
          for (const key of TIMES) if (r[key]) row.getCell(key).numFmt = SHEET_DATE_FORMAT;
          row.commit();
        }
      }
      ws.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

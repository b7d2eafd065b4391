import { PassThrough, pipeline, Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import type { Db } from "../../db/client.js";
import { campaigns, tenants } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { campaignErrors } from "./errors.js";

/** A report file format. */
export type ReportFormat = "csv" | "xlsx";

/** One line of the report; times are "YYYY-MM-DD HH:MM:SS" in the shop's time zone, or "". */
export type ReportRow = {
  phone: string;
  name: string;
  status: string;
  failureCode: string;
  failureReason: string;
  sentAt: string;
  deliveredAt: string;
  readAt: string;
  repliedAt: string;
};

/** Column keys and headers of the report, in order (headers name the shop's zone). */
export function reportColumns(timeZone: string): Array<{ key: keyof ReportRow; header: string }> {
  const tz = ` (${timeZone})`;
  return [
    { key: "phone", header: "phone" },
    { key: "name", header: "name" },
    { key: "status", header: "status" },
    { key: "failureCode", header: "failure_code" },
    { key: "failureReason", header: "failure_reason" },
    { key: "sentAt", header: `sent_at${tz}` },
    { key: "deliveredAt", header: `delivered_at${tz}` },
    { key: "readAt", header: `read_at${tz}` },
    { key: "repliedAt", header: `replied_at${tz}` },
  ];
}

/** A downloadable report: its stream, content type and file name. */
export interface ReportFile {
  stream: Readable;
  contentType: string;
  filename: string;
}

const PAGE = 2000;

/**
 * The per-recipient report of a campaign as a file. Rows are read in keyset pages of
 * 2,000 (never the whole campaign at once) and streamed: CSV through csv-stringify
 * (UTF-8 with BOM and CRLF, so Excel opens it right), XLSX through exceljs's streaming
 * WorkbookWriter. Cells are written as text; in CSV a contact name (the one cell that comes
 * from customers' own data) that starts with = + - @ is prefixed with ' so a spreadsheet
 * never runs it as a formula (XLSX text cells are safe as they are).
 * @throws KabarError 404 `campaign_not_found` (also for another tenant's campaign).
 */
export function createCampaignReporter(db: Db) {
  async function* pages(tenantId: string, campaignId: string, timeZone: string): AsyncGenerator<ReportRow[]> {
    let after = 0;
    for (;;) {
      const rows = (
        await db.execute<ReportRow & { id: number }>(sql`
          SELECT r.id, r.phone, coalesce(c.name, '') AS name, r.status,
            coalesce(r.failure_code, '') AS "failureCode", coalesce(r.failure_reason, '') AS "failureReason",
            ${local(sql`r.sent_at`, timeZone)} AS "sentAt", ${local(sql`r.delivered_at`, timeZone)} AS "deliveredAt",
            ${local(sql`r.read_at`, timeZone)} AS "readAt", ${local(sql`r.replied_at`, timeZone)} AS "repliedAt"
          FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id
          WHERE r.tenant_id = ${tenantId} AND r.campaign_id = ${campaignId} AND r.id > ${after}
          ORDER BY r.id LIMIT ${PAGE}`)
      ).rows;
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]!.id);
      yield rows;
    }
  }

  return {
    /** The report file of one campaign of the actor's tenant (owners and agents). @throws KabarError 404 */
    async report(actor: Actor, campaignId: string, format: ReportFormat): Promise<ReportFile> {
      const [c] = await db
        .select({ name: campaigns.name, timeZone: tenants.timeZone })
        .from(campaigns)
        .innerJoin(tenants, eq(tenants.id, campaigns.tenantId))
        .where(and(eq(campaigns.tenantId, actor.tenantId), eq(campaigns.id, campaignId)));
      if (!c) throw campaignErrors.notFound();
      const columns = reportColumns(c.timeZone);
      const rows = pages(actor.tenantId, campaignId, c.timeZone);
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

export type CampaignReporter = ReturnType<typeof createCampaignReporter>;

/** `col` as "YYYY-MM-DD HH24:MI:SS" wall-clock time in `timeZone`, or '' when null. */
function local(col: ReturnType<typeof sql>, timeZone: string) {
  return sql`coalesce(to_char(${col} AT TIME ZONE ${timeZone}, 'YYYY-MM-DD HH24:MI:SS'), '')`;
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

function csvStream(rows: AsyncIterable<ReportRow[]>, columns: ReturnType<typeof reportColumns>): Readable {
  async function* records() {
    for await (const page of rows) {
      for (const r of page)
        yield Object.fromEntries(columns.map((c) => [c.key, c.key === "name" ? safeCell(r.name) : r[c.key]]));
    }
  }
  const csv = stringify({
    header: true,
    columns: columns.map((c) => ({ key: c.key, header: c.header })),
    record_delimiter: "windows",
    bom: true,
  });
  // pipeline: a client that goes away stops the reading of further pages.
  return pipeline(Readable.from(records()), csv, () => {});
}

function xlsxStream(
  rows: AsyncIterable<ReportRow[]>,
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
    width: c.key === "failureReason" ? 40 : 20,
  }));
  void (async () => {
    try {
      for await (const page of rows) {
        for (const r of page) ws.addRow(r).commit();
      }
      ws.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/**
 * The report downloads (`GET /reports/export`): sales per period, customers, products and
 * regions of a range, headed in the shop's language (`tenants.locale`, src/lib/file-words.ts),
 * amounts as whole rupiah numbers. The rows are aggregates, one per period, customer,
 * product or city, so they are built in memory.
 */
import type { Readable } from "node:stream";
import { fileWords, type FileWords } from "../../lib/file-words.js";
import { provinceName } from "../../lib/regions/provinces.js";
import { csvFile, type SheetCell, xlsxFile } from "../../lib/sheet-file.js";
import type { CustomerRow, PeriodRow, ProductRow, RegionRow } from "./queries.js";
import type { ReportKind } from "./schemas.js";

/** The rows of one report, as read by the service. */
export type ReportRows =
  | { report: "sales"; rows: PeriodRow[] }
  | { report: "customers"; rows: CustomerRow[] }
  | { report: "products"; rows: ProductRow[] }
  | { report: "regions"; rows: RegionRow[] };

const aov = (revenue: number, orders: number) => (orders === 0 ? 0 : Math.round(revenue / orders));

/** The header and rows of a report, the rupiah columns (0-based) and each column's width. */
function table(
  input: ReportRows,
  w: FileWords["reports"],
): { cells: SheetCell[][]; money: number[]; widths: number[] } {
  switch (input.report) {
    case "sales":
      return {
        cells: [
          [w.period, w.orders, w.revenue, w.averageOrderValue],
          ...input.rows.map((r) => [r.period, r.orders, r.revenue, aov(r.revenue, r.orders)]),
        ],
        money: [2, 3],
        widths: [14, 10, 16, 20],
      };
    case "customers":
      return {
        cells: [
          [w.customer, w.phone, w.orders, w.revenue],
          ...input.rows.map((r) => [r.name ?? "", r.phone, r.orders, r.revenue]),
        ],
        money: [3],
        widths: [30, 18, 10, 16],
      };
    case "products":
      return {
        cells: [
          [w.product, w.sku, w.quantity, w.revenue],
          ...input.rows.map((r) => [r.name, r.sku, r.quantity, r.revenue]),
        ],
        money: [3],
        widths: [36, 16, 10, 16],
      };
    case "regions":
      return {
        cells: [
          [w.province, w.city, w.customers, w.orders, w.revenue],
          ...input.rows.map((r) => [
            r.province ? (provinceName(r.province) ?? r.province) : w.unknown,
            r.city ?? "",
            r.customers,
            r.orders,
            r.revenue,
          ]),
        ],
        money: [4],
        widths: [28, 24, 12, 10, 16],
      };
  }
}

/** Sheet names per report and language. */
const SHEET: Record<ReportKind, { id: string; en: string }> = {
  sales: { id: "Penjualan", en: "Sales" },
  customers: { id: "Pelanggan", en: "Customers" },
  products: { id: "Produk", en: "Products" },
  regions: { id: "Wilayah", en: "Regions" },
};

/** The report as a byte stream in `format`, worded in `language` ("id" or "en"; anything else: id). */
export function reportFile(input: ReportRows, language: string, format: "csv" | "xlsx"): Readable {
  const { cells, money, widths } = table(input, fileWords(language).reports);
  async function* rows() {
    yield* cells;
  }
  if (format === "csv") return csvFile(rows());
  const name = SHEET[input.report][language === "en" ? "en" : "id"];
  return xlsxFile(rows(), { name, widths, moneyColumns: money });
}

/** The file name of a download, in Bahasa Indonesia as the other exports: "laporan-penjualan-2026-11-01-2026-11-30.csv". */
export function reportFileName(report: ReportKind, from: string, to: string, format: string): string {
  return `laporan-${SHEET[report].id.toLowerCase()}-${from}-${to}.${format}`;
}

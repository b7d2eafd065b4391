/**
 * The order export (`GET /orders/export`): one row per order, headed and worded in the
 * shop's language (`tenants.locale`, src/lib/file-words.ts), placed-at in the shop's time
 * zone, amounts as whole rupiah numbers, the products as "2× Kopi Gayo 250 g; 1× Teh".
 * Read page by page (1,000 orders), so memory does not grow with the shop.
 */
import type { Readable } from "node:stream";
import { fileWords, ORDER_COLUMNS, type FileWords } from "../../lib/file-words.js";
import { provinceName } from "../../lib/regions/provinces.js";
import { csvFile, type SheetCell, xlsxFile } from "../../lib/sheet-file.js";
import { wallClock, zoneLabel } from "../../lib/sheet-time.js";
import type { OrderLineRow, OrderListRow } from "./queries/index.js";

/** What the export is written from: pages of orders with their lines, the shop's zone and language. */
interface OrderExportInput {
  pages: AsyncIterable<Array<{ order: OrderListRow; lines: OrderLineRow[] }>>;
  timeZone: string;
  language: string;
}

function row(o: OrderListRow, lines: OrderLineRow[], words: FileWords, timeZone: string): SheetCell[] {
  const cells: Record<(typeof ORDER_COLUMNS)[number], SheetCell> = {
    number: o.number,
    placedAt: wallClock(o.placedAt, timeZone),
    status: words.orderStatus[o.status] ?? o.status,
    customer: o.customerName ?? "",
    phone: o.customerPhone,
    items: lines.map((l) => `${l.quantity}× ${l.name}`).join("; "),
    subtotal: o.subtotal,
    discount: o.discount,
    shippingCost: o.shippingCost,
    total: o.total,
    payment: words.payment[o.paymentMethod] ?? o.paymentMethod,
    province: o.province ? (provinceName(o.province) ?? o.province) : "",
    city: o.city ?? "",
    address: o.address ?? "",
    courier: o.courier ?? "",
    trackingNumber: o.trackingNumber ?? "",
    notes: o.notes ?? "",
  };
  return ORDER_COLUMNS.map((c) => cells[c]);
}

async function* rowsOf(input: OrderExportInput): AsyncGenerator<SheetCell[]> {
  const words = fileWords(input.language);
  yield ORDER_COLUMNS.map((c) =>
    c === "placedAt" ? `${words.orders.placedAt} (${zoneLabel(input.timeZone)})` : words.orders[c],
  );
  for await (const page of input.pages) {
    for (const { order, lines } of page) yield row(order, lines, words, input.timeZone);
  }
}

const MONEY = ["subtotal", "discount", "shippingCost", "total"].map((c) =>
  ORDER_COLUMNS.indexOf(c as (typeof ORDER_COLUMNS)[number]),
);

/** The export as a byte stream in `format`. */
export function ordersFile(input: OrderExportInput, format: "csv" | "xlsx"): Readable {
  if (format === "csv") return csvFile(rowsOf(input));
  return xlsxFile(rowsOf(input), {
    name: fileWords(input.language) === fileWords("en") ? "Orders" : "Pesanan",
    widths: ORDER_COLUMNS.map((c) => (c === "items" || c === "address" ? 40 : c === "number" ? 20 : 16)),
    moneyColumns: MONEY,
  });
}

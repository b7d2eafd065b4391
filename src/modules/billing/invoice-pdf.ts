import PDFDocument from "pdfkit";
import { formatRupiah } from "../../lib/rupiah.js";
import { zonedParts } from "../../lib/time.js";
import type { InvoiceRow } from "./queries/payments.js";

/** How an invoice's status reads on paper (Bahasa Indonesia, English). */
const STATUS_TEXT: Record<InvoiceRow["status"], string> = {
  unpaid: "BELUM DIBAYAR / UNPAID",
  paid: "LUNAS / PAID",
  void: "BATAL / VOID",
  refunded: "DIKEMBALIKAN / REFUNDED",
};

/** "7 Desember 2026" style date of `at` on the shop's wall clock. */
function issuedDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  const months = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
  ];
  return `${p.day} ${months[p.month - 1]} ${p.year}`;
}

/**
 * An invoice as a PDF (pdfkit, A4, the built-in Helvetica): its number (also the document's
 * title), the platform and the shop, the issue date in the shop's zone, the items, subtotal,
 * the PPN line, the total in rupiah ("Rp150.000") and the status. Resolves with the bytes.
 */
export function invoicePdf(inv: InvoiceRow): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: {
      Title: inv.number,
      Subject: `Faktur ${inv.number} - ${inv.shopName}`,
      Author: "Kabar",
      Creator: "Kabar",
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.fontSize(20).text("FAKTUR / INVOICE", { align: "left" });
  doc.moveDown(0.5).fontSize(11);
  doc.text(`Nomor / Number: ${inv.number}`);
  doc.text(`Tanggal / Date: ${issuedDate(inv.issuedAt, inv.timeZone)}`);
  doc.text(`Kepada / To: ${inv.shopName}`);
  doc.text(`Status: ${STATUS_TEXT[inv.status]}`);
  doc.moveDown();
  const left = 50;
  const qtyX = 330;
  const priceX = 380;
  const amountX = 470;
  const row = (a: string, b: string, c: string, d: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica");
    doc.text(a, left, y, { width: qtyX - left - 10 });
    const h = doc.y;
    doc.text(b, qtyX, y, { width: 40, align: "right" });
    doc.text(c, priceX, y, { width: 80, align: "right" });
    doc.text(d, amountX, y, { width: 80, align: "right" });
    doc.y = Math.max(h, doc.y);
    doc.x = left;
  };
  row("Uraian / Item", "Jml", "Harga", "Jumlah", true);
  doc
    .moveTo(left, doc.y + 2)
    .lineTo(550, doc.y + 2)
    .stroke();
  doc.moveDown(0.3);
  for (const item of inv.items.filter((i) => !i.name.startsWith("PPN")))
    row(item.name, String(item.quantity), formatRupiah(item.price), formatRupiah(item.amount));
  doc.moveDown(0.5);
  row("Subtotal", "", "", formatRupiah(inv.subtotal));
  row(`PPN ${inv.ppnRate}%`, "", "", formatRupiah(inv.ppnAmount));
  row("Total", "", "", formatRupiah(inv.total), true);
  doc.moveDown(2).font("Helvetica").fontSize(9);
  doc.text(
    "Dibayar melalui Midtrans. Faktur ini dibuat oleh Kabar. / Paid through Midtrans; issued by Kabar.",
    left,
  );
  doc.end();
  return done;
}

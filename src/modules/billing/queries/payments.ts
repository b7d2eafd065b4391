import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import type { BillingCycle, PaymentKind, PaymentStatus } from "../../../db/schema/billing.js";

/** One line of a payment and its invoice: integer rupiah. */
export interface PaymentItem {
  name: string;
  quantity: number;
  price: number;
  amount: number;
}

/** A payment as the billing module reads it. */
export interface PaymentRow {
  id: string;
  tenantId: string;
  orderId: string;
  kind: PaymentKind;
  packageId: string | null;
  cycle: BillingCycle | null;
  topupPackId: string | null;
  /** Integer rupiah. */
  grossAmount: number;
  status: PaymentStatus;
  midtransStatus: string | null;
  effect: unknown;
  items: PaymentItem[];
  createdAt: Date;
  paidAt: Date | null;
  invoiceId: string | null;
  /** A top-up's units: its pack's, read with the payment. */
  topupUnits: number | null;
}

type RawPayment = {
  id: string;
  tenant_id: string;
  order_id: string;
  kind: PaymentKind;
  package_id: string | null;
  cycle: BillingCycle | null;
  topup_pack_id: string | null;
  gross_amount: number;
  status: PaymentStatus;
  midtrans_status: string | null;
  effect: unknown;
  items: PaymentItem[];
  created_at: string | Date;
  paid_at: string | Date | null;
  invoice_id: string | null;
  topup_units: number | null;
};

const toPayment = (r: RawPayment): PaymentRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  orderId: r.order_id,
  kind: r.kind,
  packageId: r.package_id,
  cycle: r.cycle,
  topupPackId: r.topup_pack_id,
  grossAmount: r.gross_amount,
  status: r.status,
  midtransStatus: r.midtrans_status,
  effect: r.effect,
  items: r.items,
  createdAt: new Date(r.created_at),
  paidAt: r.paid_at ? new Date(r.paid_at) : null,
  invoiceId: r.invoice_id,
  topupUnits: r.topup_units,
});

const PAYMENT_COLUMNS = sql`p.id, p.tenant_id, p.order_id, p.kind, p.package_id, p.cycle, p.topup_pack_id,
  p.gross_amount, p.status, p.midtrans_status, p.effect, p.items, p.created_at, p.paid_at, i.id AS invoice_id,
  (SELECT tp.units FROM topup_packs tp WHERE tp.id = p.topup_pack_id) AS topup_units`;

/** Who buys: the shop's name and zone, the buyer's name and e-mail (Snap's customer details). */
export async function buyerOf(
  db: Db | Tx,
  tenantId: string,
  userId: string | null,
): Promise<{ shopName: string; timeZone: string; name: string; email: string } | null> {
  const r = await db.execute<{ shop_name: string; time_zone: string; name: string; email: string }>(sql`
    SELECT t.name AS shop_name, t.time_zone, u.name, u.email
    FROM tenants t JOIN users u ON u.tenant_id = t.id
    WHERE t.id = ${tenantId} AND (u.id = ${userId} OR (${userId}::uuid IS NULL AND u.role = 'owner'))
    ORDER BY u.created_at LIMIT 1`);
  const b = r.rows[0];
  return b ? { shopName: b.shop_name, timeZone: b.time_zone, name: b.name, email: b.email } : null;
}

/** A top-up pack (offered or not), or null. */
export async function topupPackById(
  db: Db | Tx,
  id: string,
): Promise<{ id: string; code: string; name: string; units: number; price: number; active: boolean } | null> {
  const r = await db.execute<{
    id: string;
    code: string;
    name: string;
    units: number;
    price: number;
    active: boolean;
  }>(sql`SELECT id, code, name, units, price, active FROM topup_packs WHERE id = ${id}`);
  return r.rows[0] ?? null;
}

/** The offered top-up packs, cheapest first. */
export async function offeredTopupPacks(
  db: Db | Tx,
): Promise<Array<{ id: string; code: string; name: string; units: number; price: number }>> {
  const r = await db.execute<{ id: string; code: string; name: string; units: number; price: number }>(
    sql`SELECT id, code, name, units, price FROM topup_packs WHERE active ORDER BY price, code`,
  );
  return r.rows;
}

/** What a new payment and its invoice hold. */
interface NewPayment {
  tenantId: string;
  orderId: string;
  kind: PaymentKind;
  packageId: string | null;
  cycle: BillingCycle | null;
  topupPackId: string | null;
  items: PaymentItem[];
  subtotal: number;
  /** Percent, as configured (KABAR_PPN_RATE). */
  ppnRate: number;
  ppnAmount: number;
  /** subtotal + ppnAmount = the payment's gross amount. */
  total: number;
  /** The invoice number's year and month (Asia/Jakarta), e.g. "2026/12". */
  yearMonth: string;
}

/**
 * Writes a pending payment and its `unpaid` invoice, numbered `INV-KBR/YYYY/MM/NNNN` (the
 * month's next number; numbering is serialised by a transaction-level advisory lock, so two
 * checkouts never take the same number). Answers both ids and the number.
 */
export async function insertPayment(
  tx: Tx,
  p: NewPayment,
): Promise<{ paymentId: string; invoiceId: string; number: string }> {
  const pay = await tx.execute<{ id: string }>(sql`
    INSERT INTO payments (tenant_id, order_id, kind, package_id, cycle, topup_pack_id, gross_amount, items)
    VALUES (${p.tenantId}, ${p.orderId}, ${p.kind}, ${p.packageId}, ${p.cycle}, ${p.topupPackId}, ${p.total},
      ${JSON.stringify(p.items)}::jsonb)
    RETURNING id`);
  const paymentId = pay.rows[0]!.id;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('kabar.invoice_number'))`);
  const prefix = `INV-KBR/${p.yearMonth}/`;
  const next = await tx.execute<{ n: number }>(sql`
    SELECT coalesce(max(substring(number FROM ${prefix.length + 1}::int)::int), 0) + 1 AS n
    FROM invoices WHERE number LIKE ${`${prefix}%`}`);
  const number = `${prefix}${String(next.rows[0]!.n).padStart(4, "0")}`;
  const inv = await tx.execute<{ id: string }>(sql`
    INSERT INTO invoices (tenant_id, payment_id, number, items, subtotal, ppn_rate, ppn_amount, total)
    VALUES (${p.tenantId}, ${paymentId}, ${number}, ${JSON.stringify(p.items)}::jsonb, ${p.subtotal},
      ${p.ppnRate.toFixed(2)}, ${p.ppnAmount}, ${p.total})
    RETURNING id`);
  return { paymentId, invoiceId: inv.rows[0]!.id, number };
}

/** Stores Snap's token and redirect URL on a payment. */
export async function setPaymentSnap(
  db: Db | Tx,
  id: string,
  token: string,
  redirectUrl: string,
): Promise<void> {
  await db.execute(sql`UPDATE payments SET snap_token = ${token}, redirect_url = ${redirectUrl}, updated_at = now()
    WHERE id = ${id}`);
}

/** A payment by Midtrans' order id (any shop: the notification names no shop); `forUpdate` locks it. */
export async function paymentByOrder(
  db: Db | Tx,
  orderId: string,
  forUpdate = false,
): Promise<PaymentRow | null> {
  const r = await db.execute<RawPayment>(sql`
    SELECT ${PAYMENT_COLUMNS} FROM payments p LEFT JOIN invoices i ON i.payment_id = p.id
    WHERE p.order_id = ${orderId} ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`);
  return r.rows[0] ? toPayment(r.rows[0]) : null;
}

/** The invoice status that goes with a payment's. */
const INVOICE_STATUS = { pending: "unpaid", paid: "paid", failed: "void", refunded: "refunded" } as const;

/**
 * Moves a payment (and its invoice with it): its status, the last Midtrans status confirmed,
 * and, when it becomes paid, the effect applied and the time.
 */
export async function movePayment(
  tx: Tx,
  id: string,
  m: { status: PaymentStatus; midtransStatus: string; effect?: unknown; paidAt?: Date },
): Promise<void> {
  await tx.execute(sql`
    UPDATE payments SET status = ${m.status}, midtrans_status = ${m.midtransStatus},
      effect = ${m.effect === undefined ? sql`effect` : sql`${JSON.stringify(m.effect)}::jsonb`},
      paid_at = ${m.paidAt ? m.paidAt.toISOString() : sql`paid_at`}, updated_at = now()
    WHERE id = ${id}`);
  await tx.execute(sql`UPDATE invoices SET status = ${INVOICE_STATUS[m.status]} WHERE payment_id = ${id}`);
}

/** The shop's payments, newest first (at most 500). */
export async function paymentsOf(db: Db | Tx, tenantId: string): Promise<PaymentRow[]> {
  const r = await db.execute<RawPayment>(sql`
    SELECT ${PAYMENT_COLUMNS} FROM payments p LEFT JOIN invoices i ON i.payment_id = p.id
    WHERE p.tenant_id = ${tenantId} ORDER BY p.created_at DESC, p.id LIMIT 500`);
  return r.rows.map(toPayment);
}

/** An invoice with its shop's name and zone. */
export interface InvoiceRow {
  id: string;
  number: string;
  status: "unpaid" | "paid" | "void" | "refunded";
  issuedAt: Date;
  items: PaymentItem[];
  subtotal: number;
  /** Percent. */
  ppnRate: number;
  ppnAmount: number;
  total: number;
  shopName: string;
  timeZone: string;
}

/** The shop's invoice by id, or null (another shop's included). */
export async function invoiceOf(db: Db | Tx, tenantId: string, id: string): Promise<InvoiceRow | null> {
  const r = await db.execute<{
    id: string;
    number: string;
    status: InvoiceRow["status"];
    issued_at: string | Date;
    items: PaymentItem[];
    subtotal: number;
    ppn_rate: string;
    ppn_amount: number;
    total: number;
    shop_name: string;
    time_zone: string;
  }>(sql`
    SELECT i.id, i.number, i.status, i.issued_at, i.items, i.subtotal, i.ppn_rate, i.ppn_amount, i.total,
      t.name AS shop_name, t.time_zone
    FROM invoices i JOIN tenants t ON t.id = i.tenant_id
    WHERE i.id = ${id} AND i.tenant_id = ${tenantId}`);
  const x = r.rows[0];
  if (!x) return null;
  return {
    id: x.id,
    number: x.number,
    status: x.status,
    issuedAt: new Date(x.issued_at),
    items: x.items,
    subtotal: x.subtotal,
    ppnRate: Number(x.ppn_rate),
    ppnAmount: x.ppn_amount,
    total: x.total,
    shopName: x.shop_name,
    timeZone: x.time_zone,
  };
}

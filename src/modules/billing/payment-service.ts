import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Bus } from "../../lib/bus.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import { checkout, type CheckoutInput, type CheckoutResult } from "./checkout.js";
import { type PackageDto, type PaymentDto, packageDto, paymentDto } from "./dto.js";
import { billingErrors } from "./errors.js";
import { invoicePdf } from "./invoice-pdf.js";
import type { MidtransClient } from "./midtrans/client.js";
import { handleNotification, type NotificationOutcome } from "./notification.js";
import { type InvoiceRow, invoiceOf, offeredTopupPacks, paymentsOf } from "./queries/payments.js";
import { listPackages, packageById, type SubscriptionStatus } from "./queries/subscriptions.js";
import type { BillingService } from "./service.js";

/** What the shop's payments need (SaaS mode; in single mode every verb answers `billing_off`). */
export interface PaymentServiceDeps {
  db: Db;
  bus: Bus;
  billing: BillingService;
  /** Null in single mode. */
  midtrans: { client: MidtransClient; serverKey: string; clientKey: string | null } | null;
  /** KABAR_PPN_RATE, percent. */
  ppnRate: number;
  graceDays: number;
  /** Kabar's public origin (Snap's finish redirect). */
  publicOrigin: string;
  log: Pick<Logger, "info" | "warn">;
}

/** `GET /billing` in SaaS mode (the contract's shape; money in rupiah, ISO dates). */
interface BillingOverview {
  enabled: true;
  status: SubscriptionStatus;
  cycle: "monthly" | "yearly";
  periodStart: string;
  periodEnd: string;
  graceUntil: string | null;
  package: PackageDto;
  nextPackage: PackageDto | null;
  messages: {
    periodUnits: number | null;
    periodUsed: number;
    topupLeft: number;
    topupUsed: number;
    /** Units left (allowance left + top-ups); null = unlimited. */
    left: number | null;
  };
  usage: { numbers: number; staff: number; contacts: number };
  /** Snap's client key for the popup (null: the redirect page only). */
  midtransClientKey: string | null;
}

/** A shop's invoice (`GET /billing/invoices/:id`). */
interface InvoiceDto {
  id: string;
  number: string;
  status: InvoiceRow["status"];
  issuedAt: string;
  items: InvoiceRow["items"];
  subtotal: number;
  ppnRate: number;
  ppnAmount: number;
  total: number;
  shopName: string;
}

/**
 * The owner's billing verbs (issue 14): the billing page's overview, the packages on
 * offer, checkout through Midtrans Snap, the payments and invoices (JSON and PDF), and
 * Midtrans' notification. Reads need `billing.read`, checkout `billing.manage`.
 */
export function createPaymentService(d: PaymentServiceDeps) {
  const on = () => {
    if (!d.billing.enabled || !d.midtrans) throw billingErrors.off();
    return d.midtrans;
  };
  async function invoiceRow(actor: Actor, id: string): Promise<InvoiceRow> {
    requirePermission(actor, "billing.read");
    // Single mode has no invoices: any id is not found (like an unknown id in SaaS mode).
    const inv = d.billing.enabled ? await invoiceOf(d.db, actor.tenantId, id) : null;
    if (!inv) throw billingErrors.invoiceNotFound();
    return inv;
  }
  return {
    /**
     * The billing page: `{ enabled: false }` in single mode (or for a shop without a
     * subscription), else the subscription, message units, usage and Snap's client key.
     */
    async overview(actor: Actor): Promise<BillingOverview | { enabled: false }> {
      requirePermission(actor, "billing.read");
      if (!d.billing.enabled) return { enabled: false };
      const s = await d.billing.summary(actor);
      if (!s) return { enabled: false };
      const next = s.nextPackageId ? await packageById(d.db, s.nextPackageId) : null;
      const m = s.messages;
      return {
        enabled: true,
        status: s.status,
        cycle: s.cycle,
        periodStart: s.periodStart.toISOString(),
        periodEnd: s.periodEnd.toISOString(),
        graceUntil: s.graceUntil?.toISOString() ?? null,
        package: packageDto(s.package),
        nextPackage: next ? packageDto(next) : null,
        messages: {
          periodUnits: m?.periodUnits ?? null,
          periodUsed: m?.periodUsed ?? 0,
          topupLeft: m?.topupLeft ?? 0,
          topupUsed: m?.topupUsed ?? 0,
          left: m && m.periodUnits !== null ? Math.max(0, m.periodUnits - m.periodUsed) + m.topupLeft : null,
        },
        usage: s.usage,
        midtransClientKey: d.midtrans?.clientKey ?? null,
      };
    },
    /** The packages on offer (active, not the trial) and the top-up packs. @throws 404 `billing_off`. */
    async packages(actor: Actor): Promise<{
      packages: PackageDto[];
      topups: Array<{ id: string; code: string; name: string; units: number; price: number }>;
    }> {
      requirePermission(actor, "billing.read");
      on();
      const [all, topups] = await Promise.all([listPackages(d.db), offeredTopupPacks(d.db)]);
      return { packages: all.filter((p) => p.active && !p.isTrial).map(packageDto), topups };
    },
    /** Checkout (./checkout.ts). Needs `billing.manage`. @throws 404 `billing_off` and checkout's errors. */
    async checkout(actor: Actor, input: CheckoutInput): Promise<CheckoutResult> {
      requirePermission(actor, "billing.manage");
      const m = on();
      return checkout(
        {
          db: d.db,
          midtrans: m.client,
          now: d.billing.now,
          ppnRate: d.ppnRate,
          publicOrigin: d.publicOrigin,
          log: d.log,
        },
        actor,
        input,
      );
    },
    /** The shop's payments, newest first. @throws 404 `billing_off`. */
    async payments(actor: Actor): Promise<{ payments: PaymentDto[] }> {
      requirePermission(actor, "billing.read");
      on();
      return { payments: (await paymentsOf(d.db, actor.tenantId)).map(paymentDto) };
    },
    /** One of the shop's invoices. @throws 404 `invoice_not_found` (another shop's too; any id in single mode). */
    async invoice(actor: Actor, id: string): Promise<InvoiceDto> {
      const { timeZone: _zone, issuedAt, ...inv } = await invoiceRow(actor, id);
      return { ...inv, issuedAt: issuedAt.toISOString() };
    },
    /** The invoice as a PDF, with its file name. @throws as {@link invoice}. */
    async invoicePdf(actor: Actor, id: string): Promise<{ filename: string; pdf: Buffer }> {
      const inv = await invoiceRow(actor, id);
      return { filename: `${inv.number.replaceAll("/", "-")}.pdf`, pdf: await invoicePdf(inv) };
    },
    /**
     * Midtrans' HTTP notification (./notification.ts): public, verified by its signature and
     * confirmed through the status API. @throws 404 `billing_off`, 401 `invalid_signature`,
     * 502 `payment_provider_unavailable`.
     */
    async notification(body: unknown): Promise<NotificationOutcome> {
      const m = on();
      return handleNotification(
        {
          db: d.db,
          bus: d.bus,
          midtrans: m.client,
          serverKey: m.serverKey,
          now: d.billing.now,
          graceDays: d.graceDays,
          log: d.log,
        },
        body,
      );
    },
  };
}

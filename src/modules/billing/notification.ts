import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import { kabarActor } from "../../lib/actor.js";
import type { Bus } from "../../lib/bus.js";
import { recordAudit } from "../audit/index.js";
import { tenantTimeZone } from "../tenants/index.js";
import { billingErrors } from "./errors.js";
import type { MidtransClient, MidtransStatus } from "./midtrans/client.js";
import { rupiahOfGross, signatureValid } from "./midtrans/signature.js";
import { paymentStatusOf } from "./midtrans/status.js";
import { movePayment, type PaymentRow, paymentByOrder } from "./queries/payments.js";
import { applyPaid, applyRefund, type PaymentEffect } from "./subscribe.js";

/** What handling a notification needs from the composition root. */
interface NotificationDeps {
  db: Db;
  bus: Bus;
  midtrans: MidtransClient;
  serverKey: string;
  now: () => Date;
  graceDays: number;
  log: Pick<Logger, "info" | "warn">;
}

/** What a notification did (for tests and the log). */
export type NotificationOutcome =
  | "unknown_order"
  | "disagrees"
  | "unknown_status"
  | "unchanged"
  | "pending"
  | "paid"
  | "failed"
  | "refunded";

/** The system acting on Midtrans' word (audit entries of settled and refunded payments). */

/**
 * Handles Midtrans' HTTP notification (docs/billing.md, "Payments through Midtrans"):
 * 1. the signature must be SHA512(order_id + status_code + gross_amount + server key) over
 *    the values as sent (constant-time compare), else 401 `invalid_signature`, nothing done;
 * 2. an order Kabar did not create → nothing done, logged (answered 200: Midtrans stops);
 * 3. the notification is never trusted: the status API is asked, and only its answer counts,
 *    when its order id and gross amount are exactly what Kabar created (else nothing, logged);
 * 4. the payment row is locked and moved by the mapped status: pending → paid (the purchase
 *    applied in the same transaction, its effect stored), pending → failed, paid → refunded
 *    (the effect taken back); a paid payment never goes back to pending or failed, a
 *    refunded one never moves, the same status twice changes nothing.
 * After a paid payment `billing.units_added` is announced on the bus.
 * @throws KabarError 401 `invalid_signature`; 502 `payment_provider_unavailable` when the
 *   status API cannot answer (Midtrans retries the notification).
 */
export async function handleNotification(d: NotificationDeps, body: unknown): Promise<NotificationOutcome> {
  if (!signatureValid(body, d.serverKey)) throw billingErrors.invalidSignature();
  const orderId = (body as { order_id: string }).order_id;
  const known = await paymentByOrder(d.db, orderId);
  if (!known) {
    d.log.info({ orderId }, "a Midtrans notification for an order Kabar did not create; ignored");
    return "unknown_order";
  }
  let status: MidtransStatus;
  try {
    status = await d.midtrans.status(orderId);
  } catch (err) {
    d.log.warn({ orderId, reason: (err as Error).message }, "the Midtrans status API did not answer");
    throw billingErrors.providerUnavailable();
  }
  if (
    !status.found ||
    status.orderId !== orderId ||
    rupiahOfGross(status.grossAmount) !== known.grossAmount
  ) {
    d.log.warn(
      {
        orderId,
        found: status.found,
        statusOrderId: status.orderId,
        grossAmount: status.grossAmount,
        expected: known.grossAmount,
      },
      "the Midtrans status API disagrees with what Kabar created; nothing changed",
    );
    return "disagrees";
  }
  const target = paymentStatusOf(status.transactionStatus ?? "", status.fraudStatus);
  if (!target) {
    d.log.warn(
      { orderId, transactionStatus: status.transactionStatus },
      "an unknown Midtrans transaction status; nothing changed",
    );
    return "unknown_status";
  }
  const midtransStatus = status.transactionStatus!;
  const outcome = await d.db.transaction(async (tx) => {
    const p = (await paymentByOrder(tx, orderId, true)) as PaymentRow;
    const now = d.now();
    const zone = (await tenantTimeZone(tx, p.tenantId)) ?? "Asia/Jakarta";
    if (target === "paid" && (p.status === "pending" || p.status === "failed")) {
      const effect = await applyPaid(
        tx,
        p.tenantId,
        {
          kind: p.kind,
          packageId: p.packageId,
          cycle: p.cycle,
          ...(p.topupUnits !== null ? { units: p.topupUnits } : {}),
        },
        now,
        zone,
      );
      await movePayment(tx, p.id, { status: "paid", midtransStatus, effect, paidAt: now });
      await recordAudit(tx, kabarActor(p.tenantId), {
        action: "billing.payment_paid",
        target: { type: "payment", id: p.id, name: p.orderId },
        changes: { status: [p.status, "paid"] },
      });
      return "paid" as const;
    }
    if (target === "refunded" && p.status !== "refunded") {
      // A refund of a payment never paid takes nothing back (it applied nothing).
      if (p.status === "paid" && p.effect)
        await applyRefund(tx, p.tenantId, p.effect as PaymentEffect, now, d.graceDays);
      await movePayment(tx, p.id, { status: "refunded", midtransStatus });
      await recordAudit(tx, kabarActor(p.tenantId), {
        action: "billing.payment_refunded",
        target: { type: "payment", id: p.id, name: p.orderId },
        changes: { status: [p.status, "refunded"] },
      });
      return "refunded" as const;
    }
    if (target === "failed" && p.status === "pending") {
      await movePayment(tx, p.id, { status: "failed", midtransStatus });
      return "failed" as const;
    }
    if (target === "pending" && p.status === "pending" && p.midtransStatus !== midtransStatus) {
      await movePayment(tx, p.id, { status: "pending", midtransStatus });
      return "pending" as const;
    }
    return "unchanged" as const;
  });
  if (outcome === "paid") d.bus.emit("billing.units_added", { tenantId: known.tenantId });
  d.log.info({ orderId, transactionStatus: midtransStatus, outcome }, "a Midtrans notification was handled");
  return outcome;
}

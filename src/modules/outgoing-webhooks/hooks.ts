/**
 * Where events reach outgoing webhooks. Orders: an order hook, inside the order's
 * transaction (deliveries commit with the order, or not at all). Messages, opt-outs and
 * campaigns: the bus, after their commit (the inbox's intake and receipts write in single statements
 * with no hook point yet), so a crash between that commit and the listener loses the event.
 */
import type { Bus } from "../../lib/bus.js";
import type { OrderHook, OrderRow } from "../orders/index.js";
import type { OutgoingWebhookService } from "./service.js";

/** An order as the `order.*` events carry it (docs/webhooks.md). */
function orderData(o: OrderRow) {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    source: o.source,
    externalId: o.externalId,
    contactId: o.contactId,
    customerName: o.customerName,
    customerPhone: o.customerPhone,
    paymentMethod: o.paymentMethod,
    subtotal: o.subtotal,
    discount: o.discount,
    shippingCost: o.shippingCost,
    total: o.total,
    province: o.province,
    city: o.city,
    courier: o.courier,
    trackingNumber: o.trackingNumber,
    closeReason: o.closeReason,
    placedAt: o.placedAt.toISOString(),
  };
}

/** The order hook: `order.created` for a new order, `order.status_changed` for a move. */
export function webhookOrderHook(service: Pick<OutgoingWebhookService, "queue">): OrderHook {
  return async (tx, raw, change) => {
    const order = orderData(change.order);
    await service.queue(
      tx,
      raw,
      change.kind === "created"
        ? { tenantId: change.order.tenantId, type: "order.created", data: { order } }
        : {
            tenantId: change.order.tenantId,
            type: "order.status_changed",
            data: { order, from: change.from, to: change.order.status },
          },
    );
  };
}

/**
 * Queues `message.received`, `message.status`, `contact.opted_out` and `campaign.completed` from the bus (in
 * every process: each event is announced in the one process that committed it).
 * @returns a function that stops listening
 */
export function listenForWebhookEvents(
  bus: Bus,
  service: Pick<OutgoingWebhookService, "queueNow">,
  onError: (err: unknown) => void,
): () => void {
  const queue = (p: Promise<unknown>) => void p.catch(onError);
  const stops = [
    bus.on("message.new", (m) => {
      if (m.direction !== "in") return;
      queue(
        service.queueNow({
          tenantId: m.tenantId,
          type: "message.received",
          data: {
            messageId: m.messageId,
            channelId: m.channelId,
            contactId: m.contactId,
            conversationId: m.conversationId ?? null,
          },
        }),
      );
    }),
    bus.on("message.status", (m) =>
      queue(
        service.queueNow({
          tenantId: m.tenantId,
          type: "message.status",
          data: {
            messageId: m.messageId,
            channelId: m.channelId,
            contactId: m.contactId,
            status: m.status,
            error: m.error ?? null,
          },
        }),
      ),
    ),
    bus.on("contact.opted_out", (c) =>
      queue(
        service.queueNow({
          tenantId: c.tenantId,
          type: "contact.opted_out",
          data: { contactId: c.contactId, phone: c.phone, via: c.via },
        }),
      ),
    ),
    bus.on("campaign.status", (c) => {
      if (c.status !== "completed") return;
      queue(
        service.queueNow({
          tenantId: c.tenantId,
          type: "campaign.completed",
          data: { campaignId: c.campaignId },
        }),
      );
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

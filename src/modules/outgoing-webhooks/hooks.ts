/**
 * Where events reach outgoing webhooks, always inside the transaction that records them
 * (deliveries commit with the event, or not at all): orders through an order hook;
 * messages, receipts, opt-outs and finished campaigns through an event hook
 * (src/db/event-hooks.ts).
 */
import type { EventHook, RecordedEvent } from "../../db/event-hooks.js";
import type { Enqueue } from "../../jobs/enqueue.js";
import type { OrderHook, OrderRow } from "../orders/index.js";
import { queueWebhookEvents, type WebhookEventInput } from "./events.js";
import type { WebhookEvent } from "./queries.js";
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
 * The webhook event a recorded event is, or null: a customer's message (`message.new`
 * in) is `message.received`, an agent's message moving is `message.status`, an opt-out is
 * `contact.opted_out`, a campaign becoming `completed` is `campaign.completed`
 * (docs/webhooks.md documents each `data`).
 */
function webhookEventOf(e: RecordedEvent): (WebhookEventInput & { type: WebhookEvent }) | null {
  switch (e.name) {
    case "message.new": {
      const m = e.payload;
      if (m.direction !== "in") return null;
      return {
        tenantId: m.tenantId,
        type: "message.received",
        data: {
          messageId: m.messageId,
          channelId: m.channelId,
          contactId: m.contactId,
          conversationId: m.conversationId ?? null,
        },
      };
    }
    case "message.status": {
      const m = e.payload;
      return {
        tenantId: m.tenantId,
        type: "message.status",
        data: {
          messageId: m.messageId,
          channelId: m.channelId,
          contactId: m.contactId,
          status: m.status,
          error: m.error ?? null,
        },
      };
    }
    case "contact.opted_out": {
      const c = e.payload;
      return {
        tenantId: c.tenantId,
        type: "contact.opted_out",
        data: { contactId: c.contactId, phone: c.phone, via: c.via },
      };
    }
    case "campaign.status": {
      const c = e.payload;
      if (c.status !== "completed") return null;
      return { tenantId: c.tenantId, type: "campaign.completed", data: { campaignId: c.campaignId } };
    }
    default:
      return null;
  }
}

/**
 * The event hook of outgoing webhooks: queues `message.received`, `message.status`,
 * `contact.opted_out` and `campaign.completed` inside the transaction that records them
 * (one statement for the batch's deliveries, a job per delivery), so each is queued
 * exactly once with its event. The composition root passes it to the inbox, the campaign
 * recorder and dispatcher, and contacts.
 */
export function webhookEventHook(enqueue: Enqueue): EventHook {
  return async (tx, raw, events) => {
    const queued = events.flatMap((e) => {
      const w = webhookEventOf(e);
      return w ? [w] : [];
    });
    if (queued.length > 0) await queueWebhookEvents(tx, raw, enqueue, queued);
  };
}

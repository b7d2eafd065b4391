/**
 * Order messages for people: the shop's settings (owners change them), the preview of an
 * event's text, and an order's message log. Every statement is scoped by the actor's shop.
 */
import type { Db } from "../../db/client.js";
import { type Actor, requirePermission, requireScope } from "../../lib/actor.js";
import { ORDER_MESSAGE_EVENTS } from "./schemas.js";
import { channelStatus } from "../channels/index.js";
import { orderErrors } from "../orders/index.js";
import { parseTemplate, SAMPLE_CONTACT } from "../templates/index.js";
import { orderMessageErrors } from "./errors.js";
import {
  codOfOrder,
  customerOf,
  messagesOfOrder,
  orderForMessage,
  saveSettings,
  settingsOf,
} from "./queries.js";
import type { CodStateDto, OrderMessageDto, OrderMessageSettingsDto, PreviewInput } from "./schemas.js";
import { effectiveSettings } from "./settings.js";
import { type OrderForMessage, renderOrderMessage } from "./variables.js";

/** The order a preview renders when none is given. */
const SAMPLE_ORDER: OrderForMessage = {
  id: "00000000-0000-4000-8000-000000000000",
  number: "INV/2026/12/0001",
  status: "shipped",
  total: 150000,
  courier: "JNE",
  trackingNumber: "JNE1234567890",
  lines: [
    { name: "Kopi Susu 1 L", quantity: 2 },
    { name: "Gula Aren 500 g", quantity: 1 },
  ],
};

/** Order messages: settings, preview, an order's log (see the file header). */
export function createOrderMessageService(db: Db) {
  return {
    /** The settings in force (the defaults until the shop saves its own). */
    async settings(actor: Actor): Promise<OrderMessageSettingsDto> {
      requirePermission(actor, "settings.read");
      return effectiveSettings(await settingsOf(db, actor.tenantId));
    },

    /**
     * Saves the settings whole (owners only).
     * @throws KabarError 403, 400 `order_message_channel_unknown`, 400 `order_message_text_invalid`
     */
    async saveSettings(actor: Actor, input: OrderMessageSettingsDto): Promise<OrderMessageSettingsDto> {
      requirePermission(actor, "settings.update");
      if (input.channelId && (await channelStatus(db, actor.tenantId, input.channelId)) === null)
        throw orderMessageErrors.unknownChannel();
      const bad: Record<string, string> = {};
      for (const e of ORDER_MESSAGE_EVENTS) {
        const parsed = parseTemplate(input.events[e].text);
        if (!parsed.ok) bad[`events.${e}.text`] = parsed.errors.map((x) => x.message).join("; ");
      }
      if (Object.keys(bad).length > 0) throw orderMessageErrors.invalidText({ fields: bad });
      return effectiveSettings(await saveSettings(db, actor.tenantId, input));
    },

    /**
     * Renders an event's text (the given one, else the saved one) for an order of the shop,
     * or a sample order and customer.
     * @throws KabarError 404 `order_not_found`
     */
    async preview(actor: Actor, input: PreviewInput): Promise<{ text: string; missing: string[] }> {
      requirePermission(actor, "settings.read");
      const settings = effectiveSettings(await settingsOf(db, actor.tenantId));
      const text = input.text ?? settings.events[input.event].text;
      let order: OrderForMessage = SAMPLE_ORDER;
      let customer = SAMPLE_CONTACT;
      if (input.orderId) {
        const o = await orderForMessage(db, actor.tenantId, input.orderId, actor);
        if (!o) throw orderErrors.notFound();
        order = o;
        const c = o.contactId ? await customerOf(db, actor.tenantId, o.contactId) : undefined;
        customer = c
          ? { name: c.name ?? "", phone: c.phone, attributes: c.attributes }
          : { name: o.customerName ?? "", phone: o.customerPhone, attributes: {} };
      }
      const r = renderOrderMessage(text, order, customer);
      return { text: r.text, missing: r.missing };
    },

    /**
     * An order's messages, latest first.
     * @throws KabarError 404 `order_not_found`, 403 `missing_scope`
     */
    async ofOrder(actor: Actor, orderId: string): Promise<OrderMessageDto[]> {
      requirePermission(actor, "orders.read");
      requireScope(actor, "orders:read");
      if (!(await orderForMessage(db, actor.tenantId, orderId, actor))) throw orderErrors.notFound();
      return (await messagesOfOrder(db, actor.tenantId, orderId)).map((m) => ({
        id: m.id,
        event: m.event,
        channelId: m.channelId,
        text: m.text,
        outcome: m.outcome,
        reason: m.reason,
        messageId: m.messageId,
        createdAt: m.createdAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
      }));
    },

    /**
     * A COD order's confirmation state; null for an order that never waited for one.
     * @throws KabarError 404 `order_not_found`, 403 `missing_scope`
     */
    async codOf(actor: Actor, orderId: string): Promise<CodStateDto | null> {
      requirePermission(actor, "orders.read");
      requireScope(actor, "orders:read");
      if (!(await orderForMessage(db, actor.tenantId, orderId, actor))) throw orderErrors.notFound();
      const c = await codOfOrder(db, actor.tenantId, orderId);
      if (!c) return null;
      return {
        state: c.state,
        remindedAt: c.remindedAt?.toISOString() ?? null,
        flaggedAt: c.flaggedAt?.toISOString() ?? null,
        answeredAt: c.answeredAt?.toISOString() ?? null,
      };
    },
  };
}

/** Request and response shapes of the order-messages routes. */
import { z } from "zod";
import { COD_STATES, ORDER_MESSAGE_EVENTS, ORDER_MESSAGE_OUTCOMES } from "../../db/schema/index.js";

export {
  ORDER_MESSAGE_EVENTS,
  type OrderMessageEvent,
  type OrderMessageEventSettings,
} from "../../db/schema/index.js";

const orderMessageEventSchema = z.enum(ORDER_MESSAGE_EVENTS);

const eventSettings = z.object({
  enabled: z.boolean(),
  text: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe(
      "The message; variables: {{order.number}}, {{order.total}}, {{order.items}}, {{order.tracking}}, {{order.courier}}, {{order.status}}, {{name}}, {{phone}}, contact attributes",
    ),
  waTemplate: z
    .object({
      name: z.string().trim().min(1).max(512),
      language: z.string().trim().min(2).max(15),
    })
    .nullable()
    .describe(
      "Cloud API numbers: the approved template sent when the customer's 24-hour window is closed; null: not sent then",
    ),
});

/** GET / PUT /order-messages/settings. */
export const orderMessageSettingsSchema = z.object({
  channelId: z
    .uuid()
    .nullable()
    .describe("The number to send from; null: the order's own number, else the shop's first connected one"),
  events: z.object(
    Object.fromEntries(ORDER_MESSAGE_EVENTS.map((e) => [e, eventSettings])) as Record<
      (typeof ORDER_MESSAGE_EVENTS)[number],
      typeof eventSettings
    >,
  ),
  codReminderHours: z
    .number()
    .int()
    .min(1)
    .max(168)
    .describe(
      "Hours without an answer before the COD reminder, and again before the order is flagged for CS",
    ),
});
export type OrderMessageSettingsDto = z.infer<typeof orderMessageSettingsSchema>;

/** POST /order-messages/preview. */
export const previewBody = z.object({
  event: orderMessageEventSchema,
  text: z.string().max(2000).optional().describe("The text to render; default: the event's saved text"),
  orderId: z.uuid().optional().describe("Render for this order; default: a sample order"),
});
export type PreviewInput = z.infer<typeof previewBody>;

export const previewSchema = z.object({
  text: z.string(),
  missing: z.array(z.string()).describe("Variables that rendered empty"),
});

/** One message of an order's log. */
export const orderMessageSchema = z.object({
  id: z.uuid(),
  event: orderMessageEventSchema,
  channelId: z.uuid().nullable(),
  text: z.string(),
  outcome: z.enum(ORDER_MESSAGE_OUTCOMES),
  reason: z
    .string()
    .nullable()
    .describe(
      "Why it was not sent: opted_out, window_closed, no_channel, no_contact, module_disabled (the shop switched commerce off before it went), channel_unavailable, quota_exhausted / subscription_inactive (SaaS mode: no message unit left / subscription expired or suspended), or a transport error code",
    ),
  messageId: z.uuid().nullable().describe("The message in the inbox thread, once sent"),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OrderMessageDto = z.infer<typeof orderMessageSchema>;

/** GET /orders/:id/cod: where a COD order's confirmation stands. */
export const codStateSchema = z.object({
  state: z
    .enum(COD_STATES)
    .describe(
      "waiting: for the customer's YA / BATAL; confirmed / cancelled: they answered; flagged: no answer after the reminder (COD belum dikonfirmasi); closed: a person moved the order",
    ),
  remindedAt: z.string().nullable(),
  flaggedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type CodStateDto = z.infer<typeof codStateSchema>;

z.globalRegistry.add(orderMessageSettingsSchema, { id: "OrderMessageSettings" });
z.globalRegistry.add(previewBody, { id: "PreviewOrderMessageInput" });
z.globalRegistry.add(previewSchema, { id: "OrderMessagePreview" });
z.globalRegistry.add(orderMessageSchema, { id: "OrderMessage" });
z.globalRegistry.add(codStateSchema, { id: "CodState" });

/** The reminders module's API contract: settings and the dry-run preview (zod DTOs). */
import { z } from "zod";
import { waTemplateSchema } from "../../channels/cloud-api/index.js";

/** GET /reminders/settings: the shop's settings (the defaults where it never chose). */
export const reminderSettingsSchema = z.object({
  enabled: z.boolean().describe("The daily run sends only when on"),
  leadDays: z.number().int().describe("Days before the product runs out that the reminder is due"),
  sendHour: z.number().int().describe("Hour of the shop's day (its time zone) the daily run sends at"),
  channelId: z
    .string()
    .nullable()
    .describe("The number reminders go out from; null: the shop's first connected one"),
  message: z.string().describe("The message, with {{name}}, {{reminder.items}}, {{reminder.suggestions}}"),
  messageIsDefault: z.boolean(),
  waTemplate: waTemplateSchema
    .nullable()
    .describe(
      "Cloud API numbers: the approved WhatsApp template a run sends instead of `message` (required there); its values may use {{name|Kak}}, {{reminder.items}}, {{reminder.suggestions}}",
    ),
  crossSell: z.boolean(),
  maxSuggestions: z.number().int(),
  timeZone: z.string(),
  lastRunOn: z.string().nullable().describe("The shop-zone date of the last daily run"),
});
export type ReminderSettingsDto = z.infer<typeof reminderSettingsSchema>;
/** A reminder run's WhatsApp template: the campaigns' shape (name, language, parameter values). */
export type ReminderWaTemplate = NonNullable<ReminderSettingsDto["waTemplate"]>;

/** PUT /reminders/settings (owners): the fields to change; `message: null` goes back to the default text. */
export const reminderSettingsBody = z
  .object({
    enabled: z.boolean(),
    leadDays: z.number().int().min(0).max(60),
    sendHour: z.number().int().min(0).max(23),
    channelId: z.uuid().nullable(),
    message: z.string().trim().min(1).max(2000).nullable(),
    waTemplate: waTemplateSchema
      .nullable()
      .describe(
        "Cloud API numbers: the approved WhatsApp template (required there; null: none); values may use {{name|Kak}}, {{reminder.items}}, {{reminder.suggestions}}",
      ),
    crossSell: z.boolean(),
    maxSuggestions: z.number().int().min(0).max(5),
  })
  .partial()
  .strict();
export type ReminderSettingsInput = z.infer<typeof reminderSettingsBody>;

const suggestionSchema = z.object({
  productId: z.string(),
  name: z.string(),
  price: z.number().int().describe("Rupiah"),
});

/** One customer's message of today's run. */
export const reminderMessageSchema = z.object({
  contactId: z.string(),
  name: z.string().nullable(),
  phone: z.string(),
  items: z.array(
    z.object({ reminderId: z.string(), productId: z.string(), name: z.string(), dueOn: z.string() }),
  ),
  suggestions: z.array(suggestionSchema),
  text: z.string().describe("The rendered message"),
});
export type ReminderMessageDto = z.infer<typeof reminderMessageSchema>;

/** Why a due reminder is not sent. */
const SKIP_REASONS = ["opted_out", "reminders_stopped", "reordered"] as const;

/** GET /reminders/preview: who would get what today (nothing is sent or changed). */
export const reminderPreviewSchema = z.object({
  date: z.string().describe("Today in the shop's time zone, YYYY-MM-DD"),
  timeZone: z.string(),
  enabled: z.boolean(),
  messages: z.array(reminderMessageSchema),
  skipped: z.array(
    z.object({
      reminderId: z.string(),
      contactId: z.string(),
      name: z.string().nullable(),
      phone: z.string(),
      productName: z.string(),
      reason: z.enum(SKIP_REASONS),
    }),
  ),
  counts: z.object({
    customers: z.number().int().describe("Messages that would be sent"),
    reminders: z.number().int().describe("Reminders in those messages"),
    skipped: z.number().int(),
  }),
});
export type ReminderPreviewDto = z.infer<typeof reminderPreviewSchema>;

z.globalRegistry.add(reminderSettingsSchema, { id: "ReminderSettings" });
z.globalRegistry.add(reminderSettingsBody, { id: "ReminderSettingsChange" });
z.globalRegistry.add(reminderPreviewSchema, { id: "ReminderPreview" });

/**
 * Meta's review of WhatsApp templates, from the WhatsApp Business Account webhook:
 * - `message_template_status_update` (Meta, webhook reference,
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update):
 *   `value: { event: APPROVED | REJECTED | PAUSED | DISABLED | …, message_template_id,
 *   message_template_name, message_template_language, reason, message_template_category }`;
 * - `template_category_update`
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update):
 *   `value: { message_template_id, message_template_name, message_template_language,
 *   previous_category, new_category }`.
 * Each change of `entry[].changes[]` carries no phone number: it is about the account.
 * Pure: nothing is stored here.
 */
import { z } from "zod";
import type { TemplateReview } from "../../channels/cloud-api/index.js";

declare module "../../lib/bus.js" {
  interface BusEvents {
    /**
     * Meta reviewed a WhatsApp template of the channel: its new `status` (with `reason`
     * when rejected or paused) or its new `category` (Meta changed it from `previousCategory`).
     */
    "wa-template.review": { tenantId: string; channelId: string } & TemplateReview;
  }
}

const statusValue = z.object({
  event: z.string().min(1),
  message_template_name: z.string().min(1),
  message_template_language: z.string().min(1),
  reason: z.string().nullish(),
});
const categoryValue = z.object({
  message_template_name: z.string().min(1),
  message_template_language: z.string().min(1),
  previous_category: z.string().min(1),
  new_category: z.string().min(1),
});
const payloadSchema = z.object({
  entry: z
    .array(
      z.object({
        time: z.number().optional(),
        changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
      }),
    )
    .default([]),
});

/** A review outcome with the key that makes its processing happen once per delivery of it. */
interface TemplateReviewEvent {
  key: string;
  review: TemplateReview;
}

/** The template review outcomes of a webhook delivery (malformed changes are skipped). */
export function parseTemplateEvents(payload: unknown): TemplateReviewEvent[] {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return [];
  const out: TemplateReviewEvent[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      const at = entry.time ?? 0;
      if (change.field === "message_template_status_update") {
        const v = statusValue.safeParse(change.value);
        if (!v.success) continue;
        const { message_template_name: name, message_template_language: language, event } = v.data;
        out.push({
          key: `template:${name}:${language}:${event}:${at}`,
          review: {
            kind: "status",
            name,
            language,
            status: event.toUpperCase(),
            reason: v.data.reason ?? null,
          },
        });
      } else if (change.field === "template_category_update") {
        const v = categoryValue.safeParse(change.value);
        if (!v.success) continue;
        const { message_template_name: name, message_template_language: language } = v.data;
        out.push({
          key: `template-category:${name}:${language}:${v.data.new_category}:${at}`,
          review: {
            kind: "category",
            name,
            language,
            category: v.data.new_category.toUpperCase(),
            previousCategory: v.data.previous_category.toUpperCase(),
          },
        });
      }
    }
  }
  return out;
}

/**
 * Reads the `messages` webhook of the WhatsApp Business Account object into Kabar's
 * terms. Shape (Meta, "Webhooks — messages" reference,
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/reference/messages):
 * `{ object: "whatsapp_business_account", entry: [{ id: <WABA id>, changes: [{ field:
 * "messages", value: { metadata: { display_phone_number, phone_number_id }, contacts:
 * [{ profile: { name }, wa_id }], messages: [{ from, id, timestamp, type, text | image |
 * … }], statuses: [{ id, status, timestamp, recipient_id, pricing?, errors? }] } }] }] }`.
 * `pricing` (per-message pricing since 1 July 2025): `{ billable, pricing_model: "PMP",
 * type, category }` (Meta, "Status messages webhook reference",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/).
 * Timestamps are Unix seconds as strings. Pure: nothing is downloaded here.
 */
import { z } from "zod";
import {
  locationText,
  type InboundButton,
  type InboundLocation,
  type MediaType,
} from "../../channels/transport.js";
import { e164 } from "../../channels/cloud-api/messages.js";
import type { StatusUpdate } from "../../channels/cloud-api/transport.js";

/** A customer's message; `media.id` is still to be downloaded. */
export interface WebhookMessage {
  messageId: string;
  from: string;
  profileName?: string;
  /** Epoch ms. */
  at: number;
  text?: string;
  media?: { id: string; type: MediaType | "sticker"; mimeType?: string; filename?: string };
  /** `context.id`: the wamid of the shop's message this one answers. */
  answering?: string;
  /** A reply button, list row or template quick-reply button tapped (`text` is its label). */
  button?: InboundButton;
  /** A shared location (`text` is it as a line with a map link). */
  location?: InboundLocation;
}

/** What one webhook delivery carries for one phone number. */
interface WebhookEvents {
  messages: WebhookMessage[];
  statuses: StatusUpdate[];
  /** Items skipped: another phone number, another field, or a type Kabar does not store (reactions, system, …). */
  ignored: number;
}

const mediaObject = z.object({
  id: z.string(),
  mime_type: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});
const messageSchema = z.object({
  from: z.string(),
  id: z.string(),
  timestamp: z.string().optional(),
  type: z.string(),
  context: z.object({ id: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  image: mediaObject.optional(),
  video: mediaObject.optional(),
  audio: mediaObject.optional(),
  document: mediaObject.optional(),
  sticker: mediaObject.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
  button: z.object({ text: z.string(), payload: z.string().optional() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
    })
    .optional(),
});
const statusSchema = z.object({
  id: z.string(),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string(),
  pricing: z
    .object({ category: z.string(), billable: z.boolean().optional(), type: z.string().optional() })
    .optional(),
  errors: z
    .array(
      z.object({
        code: z.number(),
        title: z.string().optional(),
        error_data: z.object({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
const valueSchema = z.object({
  metadata: z.object({ phone_number_id: z.string() }),
  contacts: z
    .array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().optional() }).optional() }))
    .optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});
const payloadSchema = z.object({
  entry: z
    .array(z.object({ changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]) }))
    .default([]),
});

const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;
const RECEIPTS = new Set(["sent", "delivered", "read", "failed"]);

function epochMs(seconds: string | undefined): number {
  const n = Number(seconds);
  return Number.isFinite(n) && n > 0 ? n * 1000 : Date.now();
}

/** A location as one line of text (the transport contract's, for this module's callers). */
export { locationText };

/** One customer message in Kabar's terms, or null for a type Kabar does not store. */
function toMessage(m: z.infer<typeof messageSchema>, names: Map<string, string>): WebhookMessage | null {
  const base: WebhookMessage = { messageId: m.id, from: e164(m.from), at: epochMs(m.timestamp) };
  const name = names.get(m.from);
  if (name) base.profileName = name;
  if (m.context?.id) base.answering = m.context.id;
  const mediaType = MEDIA_TYPES.find((t) => t === m.type);
  const media = mediaType ? m[mediaType] : undefined;
  if (mediaType && media) {
    base.media = { id: media.id, type: mediaType };
    if (media.mime_type) base.media.mimeType = media.mime_type;
    if (media.filename) base.media.filename = media.filename;
    if (media.caption) base.text = media.caption;
    return base;
  }
  if (m.type === "text") return m.text?.body ? { ...base, text: m.text.body } : null;
  if (m.type === "location" && m.location) {
    const { latitude, longitude, name, address, url } = m.location;
    const location: InboundLocation = { latitude, longitude };
    if (name) location.name = name;
    if (address) location.address = address;
    if (url) location.url = url;
    return { ...base, text: locationText(location), location };
  }
  const button = buttonOf(m);
  return button ? { ...base, text: button.title, button } : null;
}

/**
 * The button of a template quick-reply tap (`type: "button"`, `button: { payload, text }`)
 * or of an interactive reply (`type: "interactive"`, `button_reply` / `list_reply`:
 * `{ id, title }`), per Meta's "Webhooks — messages" reference (button, interactive).
 */
function buttonOf(m: z.infer<typeof messageSchema>): InboundButton | undefined {
  if (m.type === "button" && m.button?.text)
    return {
      kind: "quick_reply",
      title: m.button.text,
      ...(m.button.payload ? { id: m.button.payload } : {}),
    };
  const reply = m.type === "interactive" ? m.interactive : undefined;
  if (reply?.button_reply)
    return { kind: "reply_button", id: reply.button_reply.id, title: reply.button_reply.title };
  if (reply?.list_reply) return { kind: "list_row", id: reply.list_reply.id, title: reply.list_reply.title };
  return undefined;
}

/**
 * The messages and statuses of a webhook delivery for the phone number `phoneNumberId`
 * (changes of other numbers are ignored when it is given). Malformed items are skipped
 * one by one, so one odd item never loses the rest.
 */
export function parseWebhook(payload: unknown, phoneNumberId?: string): WebhookEvents {
  const out: WebhookEvents = { messages: [], statuses: [], ignored: 0 };
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return out;
  for (const change of parsed.data.entry.flatMap((e) => e.changes)) {
    const value = valueSchema.safeParse(change.value);
    if (
      change.field !== "messages" ||
      !value.success ||
      (phoneNumberId && value.data.metadata.phone_number_id !== phoneNumberId)
    ) {
      out.ignored++;
      continue;
    }
    const names = new Map(
      (value.data.contacts ?? []).flatMap((c) =>
        c.profile?.name ? [[c.wa_id, c.profile.name] as const] : [],
      ),
    );
    for (const raw of value.data.messages ?? []) {
      const m = messageSchema.safeParse(raw);
      const message = m.success ? toMessage(m.data, names) : null;
      if (message) out.messages.push(message);
      else out.ignored++;
    }
    for (const raw of value.data.statuses ?? []) {
      const s = statusSchema.safeParse(raw);
      if (!s.success || !RECEIPTS.has(s.data.status)) {
        out.ignored++;
        continue;
      }
      const update: StatusUpdate = {
        messageId: s.data.id,
        status: s.data.status as StatusUpdate["status"],
        to: e164(s.data.recipient_id),
        at: epochMs(s.data.timestamp),
      };
      const pricing = s.data.pricing;
      // `billable` is the flag; without it, only a `regular` (not a free_…) message is charged.
      if (pricing)
        update.pricing = {
          category: pricing.category,
          billable: pricing.billable ?? pricing.type === "regular",
        };
      if (s.data.errors?.length)
        update.errors = s.data.errors.map((e) => ({
          code: e.code,
          title: e.title,
          details: e.error_data?.details,
        }));
      out.statuses.push(update);
    }
  }
  return out;
}

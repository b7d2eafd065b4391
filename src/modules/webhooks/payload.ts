/**
 * Reads the `messages` webhook of the WhatsApp Business Account object into Kabar's
 * terms. Shape (Meta, "Webhooks — messages" reference,
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/reference/messages):
 * `{ object: "whatsapp_business_account", entry: [{ id: <WABA id>, changes: [{ field:
 * "messages", value: { metadata: { display_phone_number, phone_number_id }, contacts:
 * [{ profile: { name }, wa_id }], messages: [{ from, id, timestamp, type, text | image |
 * … }], statuses: [{ id, status, timestamp, recipient_id, errors? }] } }] }] }`.
 * Timestamps are Unix seconds as strings. Pure: nothing is downloaded here.
 */
import { z } from "zod";
import type { MediaType } from "../../channels/transport.js";
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
}

/** What one webhook delivery carries for one phone number. */
export interface WebhookEvents {
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

/**
 * A location as text: "📍 name, address — https://maps.google.com/?q=lat,lng" (the inbox
 * stores text and media only).
 */
export function locationText(l: {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}): string {
  const label = [l.name, l.address].filter(Boolean).join(", ");
  return `📍 ${label ? `${label} — ` : ""}https://maps.google.com/?q=${l.latitude},${l.longitude}`;
}

/** One customer message in Kabar's terms, or null for a type Kabar does not store. */
function toMessage(m: z.infer<typeof messageSchema>, names: Map<string, string>): WebhookMessage | null {
  const base: WebhookMessage = { messageId: m.id, from: e164(m.from), at: epochMs(m.timestamp) };
  const name = names.get(m.from);
  if (name) base.profileName = name;
  const mediaType = MEDIA_TYPES.find((t) => t === m.type);
  const media = mediaType ? m[mediaType] : undefined;
  if (mediaType && media) {
    base.media = { id: media.id, type: mediaType };
    if (media.mime_type) base.media.mimeType = media.mime_type;
    if (media.filename) base.media.filename = media.filename;
    if (media.caption) base.text = media.caption;
    return base;
  }
  const text =
    m.type === "text"
      ? m.text?.body
      : m.type === "location" && m.location
        ? locationText(m.location)
        : m.type === "button"
          ? m.button?.text
          : m.type === "interactive"
            ? (m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title)
            : undefined;
  return text ? { ...base, text } : null;
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

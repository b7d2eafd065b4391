/**
 * Request bodies of `POST /<PHONE_NUMBER_ID>/messages` for text, media, templates and reply buttons
 * (Meta, Cloud API "Messages" reference, https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages).
 * Pure functions: the client adds `messaging_product` and `recipient_type`.
 */
import { TransportError, type E164, type Media } from "../transport.js";
import { buildTemplateComponents, type MediaRef, type TemplateMessage } from "./templates.js";

/**
 * `Media.url` starting with this is the id of a file already uploaded to the number
 * (`POST /<PHONE_NUMBER_ID>/media`), e.g. "wa-media:1234567890".
 */
export const MEDIA_ID_PREFIX = "wa-media:";

/** Where a `Media.url` points: an http(s) link, an uploaded media id, or a file under the data directory. */
type MediaSource =
  | { kind: "link"; link: string }
  | { kind: "id"; id: string }
  | { kind: "file"; path: string };

/** Classifies a `Media.url` (see {@link MediaSource}). */
export function mediaSource(url: string): MediaSource {
  if (/^https?:\/\//i.test(url)) return { kind: "link", link: url };
  if (url.startsWith(MEDIA_ID_PREFIX)) return { kind: "id", id: url.slice(MEDIA_ID_PREFIX.length) };
  return { kind: "file", path: url };
}

/** The `to` of a send: the number in international form without "+" (Meta's examples use digits only). */
export function waNumber(to: E164): string {
  return to.replace(/^\+/, "");
}

/** The E.164 form of a WhatsApp id / number from a webhook ("628123…" → "+628123…"). */
export function e164(waId: string): E164 {
  return waId.startsWith("+") ? waId : `+${waId}`;
}

/** A text message; `preview_url` renders a link preview for the first URL in the text. */
export function textPayload(to: E164, text: string): Record<string, unknown> {
  return { to: waNumber(to), type: "text", text: { body: text, preview_url: /https?:\/\//i.test(text) } };
}

/**
 * A media message: image, video or document with an optional caption (`caption`),
 * audio without one (WhatsApp audio messages carry no caption). Documents carry their
 * `filename`.
 * @throws TransportError `invalid_message` for audio with a caption
 */
export function mediaPayload(
  to: E164,
  media: Media,
  ref: MediaRef,
  caption?: string,
): Record<string, unknown> {
  const object: Record<string, unknown> = { ...ref };
  if (caption) {
    if (media.type === "audio")
      throw new TransportError(
        "invalid_message",
        "WhatsApp audio messages cannot carry text; send the text separately",
        false,
      );
    object.caption = caption;
  }
  if (media.type === "document" && media.filename) object.filename = media.filename;
  return { to: waNumber(to), type: media.type, [media.type]: object };
}

/**
 * An approved template (`type: "template"`) with its header, body and button parameters.
 * `headerRef` is the media of a media header (`t.headerMedia`), already resolved.
 * @throws TransportError `invalid_message` (see buildTemplateComponents)
 */
export function templatePayload(to: E164, t: TemplateMessage, headerRef?: MediaRef): Record<string, unknown> {
  const components = buildTemplateComponents(t, headerRef);
  return {
    to: waNumber(to),
    type: "template",
    template: { name: t.name, language: { code: t.language }, ...(components.length ? { components } : {}) },
  };
}

/**
 * One reply button of an interactive message: `id` comes back in the webhook when the
 * customer taps it (`interactive.button_reply.id`), `title` is its label (and the text of
 * the customer's answer).
 */
export interface ReplyButton {
  id: string;
  title: string;
}

/**
 * Meta's limits of an interactive reply-buttons message ("Interactive reply buttons
 * messages", https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages):
 * 1 to 3 buttons, each title 1–20 characters and unique within the message, each id 1–256
 * characters without leading or trailing spaces, body text 1–1024 characters.
 */
const REPLY_BUTTON_LIMITS = { buttons: 3, title: 20, id: 256, body: 1024 } as const;

/**
 * What is wrong with a reply-buttons message by Meta's limits ({@link REPLY_BUTTON_LIMITS}),
 * in words naming the part; undefined when it is valid. Characters are counted as Unicode
 * code points (an emoji is one).
 */
function replyButtonsProblem(body: string, buttons: readonly ReplyButton[]): string | undefined {
  const L = REPLY_BUTTON_LIMITS;
  const len = (s: string) => [...s].length;
  if (len(body.trim()) === 0 || len(body) > L.body) return `body text must be 1-${L.body} characters`;
  if (buttons.length < 1 || buttons.length > L.buttons) return `1-${L.buttons} buttons are allowed`;
  for (const [i, b] of buttons.entries()) {
    if (len(b.title.trim()) === 0 || len(b.title) > L.title)
      return `buttons[${i}].title must be 1-${L.title} characters`;
    if (len(b.id) === 0 || len(b.id) > L.id || b.id.trim() !== b.id)
      return `buttons[${i}].id must be 1-${L.id} characters without leading or trailing spaces`;
  }
  if (new Set(buttons.map((b) => b.title)).size !== buttons.length) return "button titles must be unique";
  if (new Set(buttons.map((b) => b.id)).size !== buttons.length) return "button ids must be unique";
  return undefined;
}

/**
 * An interactive reply-buttons message (`type: "interactive"`, `interactive.type: "button"`):
 * the body text with up to three reply buttons (Meta's doc above). A session message: only
 * inside the customer's 24-hour window.
 * @throws TransportError `invalid_message` when Meta's limits are not met ({@link replyButtonsProblem})
 */
export function replyButtonsPayload(
  to: E164,
  body: string,
  buttons: readonly ReplyButton[],
): Record<string, unknown> {
  const problem = replyButtonsProblem(body, buttons);
  if (problem) throw new TransportError("invalid_message", `Reply buttons: ${problem}`, false);
  return {
    to: waNumber(to),
    type: "interactive",
    interactive: {
      type: "button",
      body: { text: body },
      action: { buttons: buttons.map((b) => ({ type: "reply", reply: { id: b.id, title: b.title } })) },
    },
  };
}

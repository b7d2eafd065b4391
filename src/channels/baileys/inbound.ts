/**
 * What customers send, and what happens to what Kabar sent, as Transport events: Baileys'
 * `messages.upsert` → InboundMessage, `messages.update` → ReceiptEvent.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import {
  normalizeMessageContent,
  proto,
  toNumber,
  type BaileysEventMap,
  type WAMessage,
  type WAMessageUpdate,
} from "baileys";
import type { Logger } from "pino";
import {
  locationText,
  type E164,
  type InboundButton,
  type InboundLocation,
  type InboundMessage,
  type Media,
  type MediaType,
  type ReceiptEvent,
  type ReceiptStatus,
} from "../transport.js";
import { isPersonJid, type JidResolver } from "./jids.js";
import type { DownloadMedia, SocketLike } from "./socket.js";

/** What turning Baileys events into Kabar events needs. */
export interface InboundContext {
  resolver: JidResolver;
  socket: () => SocketLike | null;
  downloadMedia: DownloadMedia;
  /** Where received files are written: <dataDir>/media/<channel id>. */
  mediaDir: string;
  /** KABAR_DATA_DIR: `Media.url` of a received file is its path relative to it. */
  dataDir: string;
  log: Logger;
}

const { Status } = proto.WebMessageInfo;

/**
 * The receipt a message status stands for: SERVER_ACK (2) → sent, DELIVERY_ACK (3) →
 * delivered, READ (4) → read, PLAYED (5, a voice note or video was played) → read too:
 * the receipt type has no "played", and played implies read. ERROR (0, Baileys' answer to
 * an error ack from the server) → failed. PENDING (1) → null.
 */
export function receiptStatus(status: number | null | undefined): ReceiptStatus | null {
  switch (status) {
    case Status.ERROR:
      return "failed";
    case Status.SERVER_ACK:
      return "sent";
    case Status.DELIVERY_ACK:
      return "delivered";
    case Status.READ:
    case Status.PLAYED:
      return "read";
    default:
      return null;
  }
}

/**
 * Receipts for Kabar's own messages in a `messages.update` batch. The customer's number comes
 * from `sentTo` (messages this process sent) or the key's JIDs; a receipt whose number is
 * unknown is dropped with a warning.
 */
export async function receiptsOf(
  updates: WAMessageUpdate[],
  sentTo: ReadonlyMap<string, E164>,
  ctx: InboundContext,
): Promise<ReceiptEvent[]> {
  const out: ReceiptEvent[] = [];
  for (const { key, update } of updates) {
    const status = receiptStatus(update.status);
    if (!status || !key.fromMe || !key.id || !isPersonJid(key.remoteJid)) continue;
    const to = sentTo.get(key.id) ?? (await ctx.resolver.phoneOf(key.remoteJid, key.remoteJidAlt));
    if (!to) {
      ctx.log.warn({ messageId: key.id, jid: key.remoteJid }, "receipt for an unknown WhatsApp id dropped");
      continue;
    }
    out.push({
      messageId: key.id,
      status,
      to,
      at: Date.now(),
      ...(status === "failed" && { error: refusal(update.messageStubParameters) }),
    });
  }
  return out;
}

/**
 * Why the server refused a message: Baileys puts the error ack's code first in
 * `messageStubParameters`, and an explanation second when the account is restricted
 * (Baileys 7.0.0-rc14 `handleBadAck`, messages-recv.js). Error 463 — the number may not
 * reach out to this contact now (a reach-out timelock, or no chat while restricted) — is
 * `reachout_locked`, a signal about the number; any other is `whatsapp_<code>`.
 */
function refusal(params: unknown): { code: string; reason: string } {
  const [code, text] = Array.isArray(params) ? params : [];
  const reason =
    typeof text === "string" ? text : `WhatsApp refused the message${code ? ` (error ${String(code)})` : ""}`;
  if (String(code) === REACHOUT_LOCKED_ERROR) return { code: "reachout_locked", reason };
  return { code: code ? `whatsapp_${String(code)}` : "whatsapp_refused", reason };
}

/** WhatsApp Web's error code for a send the number may not make now (see {@link refusal}). */
const REACHOUT_LOCKED_ERROR = "463";

/**
 * Customers' messages in a `messages.upsert`: only type 'notify' (just received; 'append'
 * is history), not sent by this account, one-to-one chats (no groups, status, newsletters),
 * with text or supported media. A message from a LID whose number cannot be found is
 * skipped with a warning; a media download that fails keeps the message without its media.
 */
export async function inboundMessages(
  upsert: BaileysEventMap["messages.upsert"],
  ctx: InboundContext,
): Promise<InboundMessage[]> {
  if (upsert.type !== "notify") return [];
  const out: InboundMessage[] = [];
  for (const m of upsert.messages) {
    const message = await toInbound(m, ctx);
    if (message) out.push(message);
  }
  return out;
}

const MEDIA_FIELDS = {
  imageMessage: "image",
  videoMessage: "video",
  audioMessage: "audio",
  documentMessage: "document",
} as const satisfies Record<string, MediaType>;

async function toInbound(m: WAMessage, ctx: InboundContext): Promise<InboundMessage | null> {
  const { key } = m;
  if (key.fromMe || !key.id || !isPersonJid(key.remoteJid)) return null;
  const content = normalizeMessageContent(m.message);
  if (!content) return null;
  const field = (Object.keys(MEDIA_FIELDS) as Array<keyof typeof MEDIA_FIELDS>).find((f) => content[f]);
  const caption = field ? (content[field] as { caption?: string | null }).caption : undefined;
  const button = buttonOf(content);
  const location = locationOf(content);
  const text =
    content.conversation ||
    content.extendedTextMessage?.text ||
    caption ||
    button?.title ||
    (location && locationText(location)) ||
    undefined;
  if (!text && !field) return null; // reactions, protocol messages, stickers, polls…
  const from = await ctx.resolver.phoneOf(key.remoteJid, key.remoteJidAlt);
  if (!from) {
    ctx.log.warn(
      { messageId: key.id, jid: key.remoteJid },
      "message from a WhatsApp LID with no known number skipped",
    );
    return null;
  }
  const media = field ? await saveMedia(m, field, ctx) : undefined;
  const answering = answeredId(content);
  return {
    messageId: key.id,
    from,
    ...(m.pushName ? { profileName: m.pushName } : {}),
    ...(text ? { text } : {}),
    ...(media ? { media } : {}),
    ...(answering ? { answering } : {}),
    ...(button ? { button } : {}),
    ...(location ? { location } : {}),
    at: toNumber(m.messageTimestamp) * 1000 || Date.now(),
  };
}

/**
 * The button a customer tapped: a reply button (`buttonsResponseMessage`), a template
 * quick-reply button (`templateButtonReplyMessage`) or a list row (`listResponseMessage`),
 * with the id the sender gave it and the label the customer saw.
 */
function buttonOf(content: proto.IMessage): InboundButton | undefined {
  const optionalId = (id: string | null | undefined) => (id ? { id } : {});
  const buttons = content.buttonsResponseMessage;
  if (buttons?.selectedDisplayText)
    return {
      kind: "reply_button",
      title: buttons.selectedDisplayText,
      ...optionalId(buttons.selectedButtonId),
    };
  const template = content.templateButtonReplyMessage;
  if (template?.selectedDisplayText)
    return { kind: "quick_reply", title: template.selectedDisplayText, ...optionalId(template.selectedId) };
  const list = content.listResponseMessage;
  if (list?.title)
    return { kind: "list_row", title: list.title, ...optionalId(list.singleSelectReply?.selectedRowId) };
  return undefined;
}

/** A shared location (`locationMessage`): degrees, name, address and link when given. */
function locationOf(content: proto.IMessage): InboundLocation | undefined {
  const l = content.locationMessage;
  if (!l || typeof l.degreesLatitude !== "number" || typeof l.degreesLongitude !== "number") return undefined;
  return {
    latitude: l.degreesLatitude,
    longitude: l.degreesLongitude,
    ...(l.name ? { name: l.name } : {}),
    ...(l.address ? { address: l.address } : {}),
    ...(l.url ? { url: l.url } : {}),
  };
}

/**
 * The id of the message this one answers: `contextInfo.stanzaId` of its content (a button
 * tapped under the shop's message, or a quoted reply), which is the key id the shop's
 * message was sent with.
 */
function answeredId(content: proto.IMessage): string | undefined {
  for (const node of Object.values(content)) {
    const info = node && typeof node === "object" && "contextInfo" in node ? node.contextInfo : undefined;
    if (
      info &&
      typeof info === "object" &&
      "stanzaId" in info &&
      typeof info.stanzaId === "string" &&
      info.stanzaId
    )
      return info.stanzaId;
  }
  return undefined;
}

async function saveMedia(
  m: WAMessage,
  field: keyof typeof MEDIA_FIELDS,
  ctx: InboundContext,
): Promise<Media | undefined> {
  const node = normalizeMessageContent(m.message)?.[field];
  const socket = ctx.socket();
  if (!node || !socket) return undefined;
  const fileName =
    field === "documentMessage"
      ? ((node as proto.Message.IDocumentMessage).fileName ?? undefined)
      : undefined;
  try {
    const bytes = await ctx.downloadMedia(m, socket);
    await mkdir(ctx.mediaDir, { recursive: true });
    const path = join(
      ctx.mediaDir,
      `${m.key.id!.replace(/[^\w-]/g, "_")}.${extensionFor(node.mimetype, fileName)}`,
    );
    await writeFile(path, bytes);
    return {
      type: MEDIA_FIELDS[field],
      url: relative(ctx.dataDir, path).split(sep).join("/"),
      ...(node.mimetype ? { mimeType: node.mimetype } : {}),
      ...(fileName ? { filename: fileName } : {}),
    };
  } catch (err) {
    ctx.log.warn(
      { err, messageId: m.key.id },
      "downloading received media failed; keeping the message without it",
    );
    return undefined;
  }
}

const EXTENSIONS: Record<string, string> = {
  jpeg: "jpg",
  mpeg: "mp3",
  quicktime: "mov",
  plain: "txt",
  "x-m4a": "m4a",
};

/** A file extension: the document's own, else from the MIME subtype ("image/jpeg" → jpg), else "bin". */
export function extensionFor(mimeType: string | null | undefined, fileName?: string): string {
  const own = fileName?.match(/\.([a-z0-9]{1,8})$/i)?.[1];
  if (own) return own.toLowerCase();
  const sub = mimeType?.split(";")[0]?.split("/")[1]?.trim().toLowerCase() ?? "";
  return EXTENSIONS[sub] ?? (/^[a-z0-9]{1,8}$/.test(sub) ? sub : "bin");
}

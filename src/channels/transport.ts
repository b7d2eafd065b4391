/**
 * The WhatsApp layer's contract: one live connection of one channel (DESIGN.md §4).
 * Sandbox, Baileys and Cloud API transports all implement it, so campaigns, the inbox
 * and automation never know which network they are talking to.
 */

/** A phone number in E.164 form, e.g. "+6281234567890". */
export type E164 = string;

/** Connection status of a channel, stored on the channel row and pushed to clients. */
export const CHANNEL_STATUSES = [
  "disconnected",
  "qr",
  "connecting",
  "connected",
  "logged_out",
  "blocked",
  /** WhatsApp Web: another client took over the session too often (DisconnectReason 440). */
  "replaced",
  /** Cloud API: the access token expired or was revoked (Graph error 190). */
  "needs_token",
] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

export const MEDIA_TYPES = ["image", "video", "audio", "document"] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/**
 * A media attachment as a transport sends it: `url` is an https link, a Cloud API media id
 * (`wa-media:<id>`), or the path under the data directory of one of the shop's `media` rows,
 * which only Kabar's own code puts there (modules/media `toTransportMedia`): no API takes a path.
 */
export interface Media {
  type: MediaType;
  url: string;
  mimeType?: string;
  filename?: string;
}

/** An outgoing message: text, or media with an optional caption (`text`). */
export interface Outgoing {
  text?: string;
  media?: Media;
}

/** What a transport answers once the network accepted a message ("sent", one tick). */
export interface SendResult {
  /**
   * The message id the network knows the message by (wamid, Baileys key id, sandbox id).
   * It differs from the requested id when the network chooses its own (Cloud API wamid);
   * receipts then refer to this one.
   */
  messageId: string;
  /** Epoch ms the network accepted it. */
  at: number;
  /** True when the network had already seen this message id and did not deliver it again. */
  duplicate?: boolean;
}

/** Receipt status, in the order a message moves through them. */
/**
 * Receipt status, in the order a message moves through them; `failed` is the network's
 * late refusal of a message it first accepted (Cloud API status "failed").
 */
export type ReceiptStatus = "sent" | "delivered" | "read" | "failed";

export interface ReceiptEvent {
  messageId: string;
  status: ReceiptStatus;
  /** The customer's number. */
  to: E164;
  /** Epoch ms. */
  at: number;
  /** With `failed`: the network's error code and its explanation. */
  error?: { code: string; reason: string };
  /** Cloud API: how Meta prices the message (the status webhook's `pricing`), when it said. */
  pricing?: ReceiptPricing;
}

/**
 * Meta's pricing of one message as its status webhook gives it (`statuses[].pricing`, per
 * message since 1 July 2025: `pricing_model: "PMP"`): `category` as Meta spells it
 * (`marketing`, `utility`, `authentication`, `service`, …) and `billable` (Meta charges it).
 * Meta, "Status messages webhook reference",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/
 */
export interface ReceiptPricing {
  category: string;
  billable: boolean;
}

/**
 * The button a customer tapped to answer one of the shop's messages:
 * - `reply_button`: an interactive reply button (Cloud API `interactive.button_reply`,
 *   WhatsApp Web `buttonsResponseMessage`);
 * - `list_row`: a row of an interactive list (`interactive.list_reply`, `listResponseMessage`);
 * - `quick_reply`: a quick-reply button of a template (Cloud API `button`,
 *   WhatsApp Web `templateButtonReplyMessage`).
 * `id` is the button's id or payload as the shop defined it (absent when the network gave
 * none); `title` is the label the customer saw, also the message's `text`.
 */
export interface InboundButton {
  kind: "reply_button" | "list_row" | "quick_reply";
  id?: string;
  title: string;
}

/** A location a customer shared: degrees, with the place's name, address and link when given. */
export interface InboundLocation {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
  url?: string;
}

export interface InboundMessage {
  /** Network message id (unique per channel). */
  messageId: string;
  from: E164;
  /** WhatsApp profile ("push") name the customer set, when the network tells it. */
  profileName?: string;
  text?: string;
  media?: Media;
  /**
   * The network id of the message this one answers (a button tapped under it, or a quoted
   * reply): Cloud API `context.id` (the wamid of the shop's message), WhatsApp Web
   * `contextInfo.stanzaId`.
   */
  answering?: string;
  /** The button or list row tapped; `text` holds its label. */
  button?: InboundButton;
  /** A shared location; `text` holds it as a line of text with a map link. */
  location?: InboundLocation;
  /** Epoch ms. */
  at: number;
}

/** A location as one line of text: "📍 name, address — https://maps.google.com/?q=lat,lng". */
export function locationText(l: InboundLocation): string {
  const label = [l.name, l.address].filter(Boolean).join(", ");
  return `📍 ${label ? `${label} — ` : ""}https://maps.google.com/?q=${l.latitude},${l.longitude}`;
}

export interface StateEvent {
  status: ChannelStatus;
  /** Why the state changed, e.g. a disconnect reason; never contains secrets. */
  reason?: string;
}

export interface QrEvent {
  /** The QR payload to render. */
  qr: string;
  /** Epoch ms after which this QR is no longer valid. */
  expiresAt: number;
}

/** A pairing code to type on the phone (WhatsApp → Linked devices → Link with phone number). */
export interface PairingCodeEvent {
  code: string;
  /** Epoch ms after which the code is no longer valid. */
  expiresAt: number;
}

/**
 * The new-chat message cap's state (WhatsApp, 2026; Baileys 7.0.0-rc14
 * `NewChatMessageCappingStatusType`): an account may start only so many new chats per
 * cycle, and moves NONE → FIRST_WARNING → SECOND_WARNING → CAPPED as it uses them.
 */
export const NEW_CHAT_CAP_STATES = ["NONE", "FIRST_WARNING", "SECOND_WARNING", "CAPPED"] as const;
export type NewChatCapState = (typeof NEW_CHAT_CAP_STATES)[number];

/**
 * A number's new-chat cap for the current cycle (Baileys `sock.fetchNewChatMessageCap()`,
 * pushed as `message-capping.update`): `total` new chats allowed in the cycle, `used` so
 * far (either absent when WhatsApp did not say), the cycle's start and end (epoch ms).
 */
export interface NewChatCap {
  state: NewChatCapState;
  total?: number;
  used?: number;
  cycleStart?: number;
  cycleEnd?: number;
}

/**
 * A reach-out timelock (Baileys `sock.fetchAccountReachoutTimelock()`): while `active`,
 * the linked device may not message contacts it has no chat with (sends fail with error
 * 463, or are accepted and never delivered) until `endsAt` (epoch ms, when known).
 * `type` is WhatsApp's enforcement type (e.g. "BIZ_QUALITY"), for the owner to read.
 */
export interface ReachoutTimelock {
  active: boolean;
  endsAt?: number;
  type?: string;
}

/**
 * What WhatsApp restricts a number to right now, read at `at` (epoch ms). `cap` or
 * `timelock` is null when the network does not have or did not tell it (Cloud API numbers
 * have neither). Stored on the channel row (`channels.restrictions`) by the WhatsApp layer.
 */
export interface Restrictions {
  cap: NewChatCap | null;
  timelock: ReachoutTimelock | null;
  at: number;
}

export interface TransportEvents {
  message: (m: InboundMessage) => void;
  /** WhatsApp pushed a change of the number's cap or timelock (the whole new picture). */
  restrictions: (r: Restrictions) => void;
  receipt: (r: ReceiptEvent) => void;
  state: (s: StateEvent) => void;
  qr: (q: QrEvent) => void;
  "pairing-code": (p: PairingCodeEvent) => void;
}

/**
 * Errors a transport throws from `send`. `retryable` tells the dispatcher to try again
 * later with backoff; otherwise the recipient fails with `code` and `message`.
 * `stopChannel` means the whole channel must stop sending (ban, logged out).
 */
export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly stopChannel = false,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export type TransportErrorCode =
  | "not_on_whatsapp"
  | "rate_limited"
  | "disconnected"
  | "logged_out"
  | "banned"
  | "invalid_message"
  | "network_error"
  /**
   * WhatsApp Web error 463: the number may not reach out to this contact now (a reach-out
   * timelock, or no chat with them while restricted). A signal about the number, not the
   * recipient: cold sends must stop until the lock ends; never retried at once.
   */
  | "reachout_locked"
  /** Cloud API: a free-form message outside the 24-hour customer-service window (a template is needed). */
  | "outside_window";

export interface Transport {
  /** Starts connecting; resolves once the attempt began. Emits 'qr' | 'state' events. */
  connect(): Promise<void>;
  /** Closes the connection, keeping credentials. */
  disconnect(): Promise<void>;
  /** Unlinks the device; credentials are wiped, a new QR scan is needed. */
  logout(): Promise<void>;
  /**
   * Sends one message. `opts.messageId` is the stable id chosen by the caller; a transport
   * that de-duplicates (sandbox, Baileys) must not deliver the same id twice.
   * @throws TransportError
   */
  send(to: E164, msg: Outgoing, opts: { messageId: string }): Promise<SendResult>;
  /**
   * Reads the number's new-chat cap and reach-out timelock from the network now (WhatsApp
   * Web and the sandbox; absent on kinds that have neither, e.g. the Cloud API).
   * @throws TransportError when the network cannot be asked (not connected)
   */
  restrictions?(): Promise<Restrictions>;
  /** Which numbers are on WhatsApp. */
  checkNumbers(phones: E164[]): Promise<Map<E164, boolean>>;
  /** Shows or hides "typing…" to the customer. */
  setTyping?(to: E164, on: boolean): Promise<void>;
  /**
   * Links the device by phone number instead of a QR (WhatsApp Web only); emits
   * 'pairing-code' and resolves with the code.
   */
  requestPairingCode?(phone: E164): Promise<string>;
  /**
   * A kind-specific action asked for by another process (ChannelManager.control forwards
   * it to the process holding the channel; the sandbox: scan the QR, inject a fault, a
   * virtual phone's message). `action` is plain JSON; an action the kind does not know is
   * ignored.
   */
  control?(action: unknown): Promise<void>;
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void;
  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void;
}

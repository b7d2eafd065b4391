/** The inbox's API contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";
import { MEDIA_TYPES } from "../../channels/transport.js";
import { MESSAGE_STATUSES } from "../../db/schema/inbox.js";
import { mediaAttachmentSchema } from "../media/index.js";

const CONVERSATION_STATUSES = ["open", "snoozed", "resolved"] as const;

/**
 * `snoozed` was called `pending` before issue 10 (where message and recipient `pending`
 * mean unsent). The list filter still accepts `status=pending` for one version and reads
 * it as `snoozed`; answers always say `snoozed`. Remove the alias in the next version.
 */
const statusFilter = z
  .enum([...CONVERSATION_STATUSES, "pending"])
  .transform((s) => (s === "pending" ? "snoozed" : s))
  .describe("open, snoozed or resolved (deprecated: pending, the old name of snoozed)");

/** GET /conversations: filters, newest activity first, keyset pagination by `cursor`. */
export const listQuery = z.object({
  assignee: z.enum(["all", "mine", "unassigned"]).default("all").describe("mine = assigned to the caller"),
  status: statusFilter.optional(),
  label: z.string().trim().min(1).max(100).optional().describe("A conversation label"),
  channelId: z.uuid().optional(),
  search: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("Contact name or phone (any part; 08… matches +628…), or message text (3 characters or more)"),
  cursor: z
    .string()
    // Microseconds since 1970 (16 digits reach the year 2286, within PostgreSQL's bigint
    // and timestamp ranges) and a conversation id.
    .regex(
      /^\d{1,16}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      "not a cursor from this list",
    )
    .optional()
    .describe("The `cursor` of the last conversation of the previous page"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQuery = z.infer<typeof listQuery>;

const lastMessageSchema = z.object({
  direction: z.enum(["in", "out"]),
  text: z.string().nullable(),
  /** The kind of file the message carries (the list shows "📷 Foto" for a photo without text), or null. */
  mediaType: z.enum(MEDIA_TYPES).nullable(),
  status: z.enum(MESSAGE_STATUSES),
  createdAt: z.string(),
});

export const conversationSchema = z.object({
  id: z.uuid(),
  channelId: z.uuid(),
  channelKind: z.string(),
  contactId: z.uuid(),
  name: z.string().nullable(),
  phone: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  unreadCount: z.number().int(),
  lastMessageAt: z.string(),
  lastInboundAt: z.string().nullable(),
  /**
   * Cloud API channels: when the 24-hour customer-service window closes (last customer
   * message + 24 h); after it, only an approved WhatsApp template can be sent. Null on
   * other channels, or when the customer never wrote.
   */
  windowExpiresAt: z.string().nullable(),
  assigneeId: z.uuid().nullable(),
  assignedAt: z.string().nullable(),
  snoozedUntil: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  labels: z.array(z.string()),
  lastMessage: lastMessageSchema.nullable(),
  /** Pass as `cursor` to get the page after this conversation. */
  cursor: z.string(),
});
export type ConversationDto = z.infer<typeof conversationSchema>;

/** The message a customer's answer answers, as the thread shows it. */
const answeringSchema = z.object({
  externalId: z.string().describe("The network id of the answered message (Cloud API `context.id`)"),
  message: z
    .object({
      id: z.uuid(),
      direction: z.enum(["in", "out"]),
      text: z.string().nullable(),
      hasMedia: z.boolean(),
    })
    .nullable()
    .describe("The answered message of this conversation; null when Kabar does not hold it"),
});

export const messageSchema = z.object({
  id: z.uuid(),
  direction: z.enum(["in", "out"]),
  text: z.string().nullable(),
  media: z
    .object({
      type: z.enum(MEDIA_TYPES),
      id: z.string().optional(),
      url: z.string().optional(),
      waMediaId: z.string().optional(),
      mimeType: z.string().optional(),
      filename: z.string().optional(),
    })
    .nullable()
    .describe(
      "The file by `id` (GET /media/:id serves it), or the https link / Cloud API media id it was sent as",
    ),
  status: z.enum(MESSAGE_STATUSES),
  error: z.string().nullable(),
  campaignId: z.uuid().nullable(),
  autoReply: z.boolean().describe("Sent by an auto-reply rule (automation)"),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  answering: answeringSchema
    .nullable()
    .describe("A customer's answer: the message it answers (a button tapped under it, or a quoted reply)"),
  button: z
    .object({
      kind: z
        .enum(["reply_button", "list_row", "quick_reply"])
        .describe(
          "An interactive reply button, a row of an interactive list, or a template's quick-reply button",
        ),
      id: z.string().optional().describe("The button's id or payload, as the shop defined it"),
      title: z.string().describe("The label the customer tapped (also `text`)"),
    })
    .nullable()
    .describe("The button or list row a customer tapped"),
  buttons: z
    .array(z.object({ id: z.string(), title: z.string() }))
    .nullable()
    .describe(
      "The shop's message: the reply buttons it offered (Cloud API interactive message; `text` is its body)",
    ),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional().describe("The place's link, when the customer's app gave one"),
    })
    .nullable()
    .describe("A location the customer shared (`text` has it as a line with a map link)"),
});
export type MessageDto = z.infer<typeof messageSchema>;

/** GET /conversations/:id/messages: the latest `limit` messages (oldest first), or those before `before`. */
export const threadQuery = z.object({
  before: z.uuid().optional().describe("A message id: return the messages before it"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const noteSchema = z.object({
  id: z.uuid(),
  authorId: z.uuid().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type NoteDto = z.infer<typeof noteSchema>;
export const noteBody = z.object({ body: z.string().trim().min(1).max(4000) });

/** The contact panel beside a thread. */
export const conversationDetailSchema = z.object({
  conversation: conversationSchema,
  contact: z.object({
    id: z.uuid(),
    name: z.string().nullable(),
    phone: z.string(),
    attributes: z.record(z.string(), z.string()),
    labels: z.array(z.string()),
    optedOut: z.boolean(),
  }),
  notes: z.array(noteSchema),
  /** The contact's latest campaigns (up to 20), newest first. */
  campaigns: z.array(
    z.object({
      campaignId: z.uuid(),
      name: z.string(),
      status: z.string(),
      sentAt: z.string().nullable(),
      deliveredAt: z.string().nullable(),
      readAt: z.string().nullable(),
      repliedAt: z.string().nullable(),
    }),
  ),
});
export type ConversationDetailDto = z.infer<typeof conversationDetailSchema>;

/** A template part's values: {{1}}, {{2}}, … in order, or by name for a NAMED template. */
const templateValues = z
  .union([
    z.array(z.string().max(1024)).max(20),
    z
      .record(
        z.string().regex(/^[a-z_][a-z0-9_]{0,511}$/, "a parameter name of the template"),
        z.string().max(1024),
      )
      .refine((v) => Object.keys(v).length <= 20, "at most 20 parameters"),
  ])
  .default([]);

/**
 * POST /conversations/:id/messages: exactly one of `text` (optionally with `media`: the
 * text is its caption), `media`, `quickReplyId` (rendered for the contact) or `waTemplate`
 * (an approved WhatsApp template, Cloud API channels; `params` fill the body's {{1}}, {{2}}… in
 * order, or its {{customer_name}}… by name for a NAMED template; `header` a text header's
 * value, `headerMedia` the file of an image / video / document header).
 */
export const sendBody = z
  .object({
    text: z.string().trim().min(1).max(4096).optional(),
    media: mediaAttachmentSchema
      .optional()
      .describe(
        "A file uploaded with POST /conversations/:id/media (`{ type, id }`), an https link, or a Cloud API media id",
      ),
    quickReplyId: z.uuid().optional(),
    waTemplate: z
      .object({
        name: z.string().regex(/^[a-z0-9_]{1,512}$/, "lowercase letters, digits and _"),
        language: z.string().min(2).max(15),
        params: templateValues.describe(
          'The body\'s values: {{1}}, {{2}}, … in order, or by name for a NAMED template ({ "customer_name": "Lina" })',
        ),
        header: templateValues.describe(
          "The text header's value ({{1}}, or by name for a NAMED template), when its header has one",
        ),
        headerMedia: mediaAttachmentSchema
          .optional()
          .describe(
            "The file of an image / video / document header: one uploaded with POST /conversations/:id/media (`{ type, id }`) or an https link",
          ),
      })
      .optional(),
  })
  .refine(
    (b) =>
      [
        b.text !== undefined || b.media !== undefined,
        b.quickReplyId !== undefined,
        b.waTemplate !== undefined,
      ].filter(Boolean).length === 1,
    {
      message: "Give one of text / media, quickReplyId or waTemplate",
      path: ["text"],
    },
  );
export type SendInput = z.infer<typeof sendBody>;

export const snoozeBody = z.object({
  until: z.iso
    .datetime({ offset: true })
    .describe("When the conversation opens again (ISO 8601, in the future)"),
});
export const labelsBody = z.object({ labels: z.array(z.string().trim().min(1).max(50)).max(20) });

export const quickReplyBody = z.object({
  shortcut: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,32}$/, "lowercase letters, digits, - and _ (up to 32)")
    .describe('Typed after "/" in the composer, e.g. "salam"'),
  body: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .describe("Template text: {{name}}, {{phone}}, {{attribute}}, {Halo|Hai}"),
  media: mediaAttachmentSchema
    .nullable()
    .optional()
    .describe(
      "A file sent with the text: one of the shop's files (`{ type, id }`) or an https link; null: none",
    ),
});
export type QuickReplyInput = z.infer<typeof quickReplyBody>;
export const quickReplySchema = z.object({
  id: z.uuid(),
  shortcut: z.string(),
  body: z.string(),
  media: mediaAttachmentSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QuickReplyDto = z.infer<typeof quickReplySchema>;
export const renderQuickReplyBody = z.object({ conversationId: z.uuid() });
export const renderedSchema = z.object({
  text: z.string(),
  missing: z.array(z.string()),
  media: mediaAttachmentSchema.nullable().describe("The quick reply's file, sent with the text"),
});

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(conversationSchema, { id: "Conversation" });
z.globalRegistry.add(messageSchema, { id: "InboxMessage" });
z.globalRegistry.add(noteSchema, { id: "Note" });
z.globalRegistry.add(conversationDetailSchema, { id: "ConversationDetail" });
z.globalRegistry.add(quickReplySchema, { id: "QuickReply" });

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(sendBody, { id: "SendMessage" });
z.globalRegistry.add(snoozeBody, { id: "SnoozeConversation" });
z.globalRegistry.add(labelsBody, { id: "SetConversationLabels" });
z.globalRegistry.add(noteBody, { id: "CreateNote" });
z.globalRegistry.add(quickReplyBody, { id: "SaveQuickReply" });
z.globalRegistry.add(renderQuickReplyBody, { id: "RenderQuickReply" });

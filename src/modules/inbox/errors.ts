/** Errors of the inbox: conversations, agents' replies, quick replies. Other modules use `conversationNotFound`. */
import { defineErrors } from "../../lib/errors.js";

/** The inbox module's catalogue. */
export const inboxErrors = defineErrors({
  conversationNotFound: {
    code: "conversation_not_found",
    status: 404,
    when: "The conversation in the path does not exist in the shop.",
    message: { id: "Percakapan tidak ditemukan", en: "conversation not found" },
  },
  unknownConversation: {
    code: "unknown_conversation",
    status: 400,
    when: "A body field (a quick reply render's `conversationId`) names a conversation that does not exist in the shop.",
    message: (p: { field: string }) => ({
      id: "Percakapan tidak ditemukan",
      en: "Unknown conversation",
      fields: { [p.field]: "unknown conversation" },
    }),
  },
  quickReplyNotFound: {
    code: "quick_reply_not_found",
    status: 404,
    when: "The quick reply in the path does not exist in the shop.",
    message: { id: "Balasan cepat tidak ditemukan", en: "quick reply not found" },
  },
  unknownQuickReply: {
    code: "unknown_quick_reply",
    status: 400,
    when: "A reply's `quickReplyId` names a quick reply that does not exist in the shop.",
    message: {
      id: "Balasan cepat tidak ditemukan",
      en: "Unknown quick reply",
      fields: { quickReplyId: "No such quick reply" },
    },
  },
  invalidQuickReply: {
    code: "invalid_template",
    status: 400,
    when: "A quick reply's text has broken markup (placeholders, spintax).",
    message: (p: { problem: string }) => ({
      id: `Teks balasan cepat tidak valid: ${p.problem}`,
      en: `Quick reply text: ${p.problem}`,
      fields: { body: p.problem },
    }),
  },
  shortcutTaken: {
    code: "shortcut_taken",
    status: 409,
    when: "Another quick reply of the shop already uses the shortcut.",
    message: {
      id: "Pintasan ini sudah dipakai balasan cepat lain",
      en: "Another quick reply already uses this shortcut",
    },
  },
  outsideWindow: {
    code: "outside_window",
    status: 422,
    when: "Free text on a Cloud API number after the 24-hour customer-service window: only an approved WhatsApp template can be sent.",
    message: {
      id: "Pelanggan terakhir menulis lebih dari 24 jam lalu: hanya template WhatsApp yang disetujui yang bisa dikirim",
      en: "The customer last wrote more than 24 hours ago: only an approved WhatsApp template can be sent now",
    },
  },
  emptyMessage: {
    code: "empty_message",
    status: 400,
    when: "The chosen quick reply renders empty for the conversation's contact.",
    message: {
      id: "Balasan cepat ini kosong untuk kontak ini",
      en: "The quick reply renders empty for this contact",
      fields: { quickReplyId: "Renders empty" },
    },
  },
  templateNeedsCloudApi: {
    code: "template_needs_cloud_api",
    status: 400,
    when: "A WhatsApp template is sent in a conversation of a number that is not a Cloud API number.",
    message: {
      id: "Template WhatsApp hanya untuk nomor Cloud API",
      en: "WhatsApp templates are sent on Cloud API channels only",
      fields: { waTemplate: "Only on a Cloud API channel" },
    },
  },
  mediaIdNeedsCloudApi: {
    code: "media_id_needs_cloud_api",
    status: 400,
    when: "A reply names a file by its Meta media id (`media.waMediaId`) in a conversation of a number that is not a Cloud API number.",
    message: {
      id: "ID media Meta hanya bisa dikirim lewat nomor Cloud API; lampirkan filenya",
      en: "A Meta media id can only be sent from a Cloud API number; attach the file instead",
      fields: { "media.waMediaId": "Only on a Cloud API channel" },
    },
  },
  channelNotConnected: {
    code: "channel_not_connected",
    status: 409,
    when: "A reply in a conversation whose WhatsApp number is not connected.",
    message: {
      id: "Nomor WhatsApp belum tersambung: sambungkan dulu",
      en: "The channel is not connected: connect it first",
    },
  },
  snoozeInPast: {
    code: "snooze_in_past",
    status: 400,
    when: "Snoozing a conversation until a time that has passed.",
    message: {
      id: "Tunda sampai waktu yang akan datang",
      en: "Snooze until a time in the future",
      fields: { until: "Must be in the future" },
    },
  },
});

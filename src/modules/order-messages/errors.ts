/** Errors of order messages. */
import { defineErrors } from "../../lib/errors.js";

/** The order-messages module's catalogue. */
export const orderMessageErrors = defineErrors({
  unknownChannel: {
    code: "order_message_channel_unknown",
    status: 400,
    when: "The settings name a number (`channelId`) the shop does not have.",
    message: {
      id: "Nomor pengirim tidak ditemukan di toko ini",
      en: "The sending number is not one of the shop's numbers",
      fields: { channelId: "not a number of this shop" },
    },
  },
  invalidText: {
    code: "order_message_text_invalid",
    status: 400,
    when: "An event's text has broken markup (an unclosed `{{`, an invalid variable name); `fields` names the event (`events.shipped.text`).",
    message: (p: { fields: Record<string, string> }) => ({
      id: `Teks pesan tidak valid: ${Object.keys(p.fields).join(", ")}`,
      en: `Invalid message text: ${Object.keys(p.fields).join(", ")}`,
      fields: p.fields,
    }),
  },
});

/** Errors of repeat-order reminders. */
import { defineErrors } from "../../lib/errors.js";

/** The reminders module's catalogue. */
export const reminderErrors = defineErrors({
  noChannel: {
    code: "no_reminder_channel",
    status: 409,
    when: "A reminder run has customers to send to, but the shop chose no number for reminders and has no connected one.",
    message: {
      id: "Belum ada nomor WhatsApp yang tersambung untuk mengirim pengingat",
      en: "no connected WhatsApp number to send reminders from",
    },
  },
});

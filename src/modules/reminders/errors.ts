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
  shopsFailed: {
    code: "reminder_runs_failed",
    status: 500,
    when: "The hourly reminder sweep ran every due shop, but the runs of some shops failed (the job is retried; the message names each shop and its error).",
    /** `shops`: each failed shop as `<tenant id> (<its error>)`, joined with "; ". */
    message: (p: { count: number; shops: string }) => ({
      id: `Pengingat ${p.count} toko gagal dijalankan: ${p.shops}`,
      en: `the reminder runs of ${p.count} shops failed: ${p.shops}`,
    }),
  },
});

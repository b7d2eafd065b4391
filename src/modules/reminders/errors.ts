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
  templateRequired: {
    code: "reminder_template_required",
    status: 400,
    when: "Reminders go out from a Cloud API number (chosen, or the shop's first connected one) but the settings name no approved WhatsApp template: Meta delivers no free text outside the 24-hour window. Refused when the settings are saved and when a run would send.",
    message: {
      id: "Nomor Cloud API hanya bisa mengirim pengingat dengan template WhatsApp yang disetujui Meta: pilih template di pengaturan pengingat",
      en: "a Cloud API number sends reminders only with a WhatsApp template approved by Meta: choose one in the reminder settings",
      fields: { waTemplate: "required for a Cloud API number" },
    },
  },
});

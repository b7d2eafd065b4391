/** Errors of the sandbox (simulated phones and numbers). */
import { defineErrors } from "../../lib/errors.js";

/** The sandbox module's catalogue. */
export const sandboxErrors = defineErrors({
  phoneNotFound: {
    code: "sandbox_phone_not_found",
    status: 404,
    when: "The sandbox phone in the path does not exist in the shop.",
    message: { id: "Ponsel sandbox tidak ditemukan", en: "sandbox phone not found" },
  },
  notSandbox: {
    code: "not_sandbox",
    status: 400,
    when: "A sandbox action on a WhatsApp number that is not a sandbox number (or has no phone yet).",
    message: {
      id: "Bukan Nomor WhatsApp sandbox",
      en: "Not a sandbox channel",
      fields: { channelId: "not a sandbox channel" },
    },
  },
  phoneNotOnWhatsApp: {
    code: "sandbox_phone_not_on_whatsapp",
    status: 400,
    when: "A sandbox phone that is not on WhatsApp (like a real number without WhatsApp) cannot send a message.",
    message: {
      id: "Ponsel sandbox ini tidak memakai WhatsApp, jadi tidak bisa mengirim pesan",
      en: "This sandbox phone is not on WhatsApp, so it cannot send a message",
      fields: { phone: { id: "tidak memakai WhatsApp", en: "not on WhatsApp" } },
    },
  },
  capUsedAboveTotal: {
    code: "sandbox_cap_used_above_total",
    status: 400,
    when: "A `cap` fault sets more used new chats than the cap's total for the cycle.",
    message: (p: { total: number }) => ({
      id: `Jumlah chat baru terpakai melebihi batas siklus ini (${p.total})`,
      en: `More new chats used than the cycle's cap (${p.total})`,
      fields: { used: { id: `paling banyak ${p.total}`, en: `at most ${p.total}` } },
    }),
  },
});

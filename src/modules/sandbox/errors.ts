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
});

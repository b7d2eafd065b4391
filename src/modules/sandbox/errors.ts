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
});

/**
 * Errors of the Cloud API webhook endpoint (Meta calls it). Meta reads only the status:
 * 403 refuses the verification handshake, 401 a delivery with a bad signature.
 */
import { defineErrors } from "../../lib/errors.js";

/** The webhooks module's catalogue. */
export const webhookErrors = defineErrors({
  verificationFailed: {
    code: "verification_failed",
    status: 403,
    when: "Meta's verification request (GET) has another `hub.mode` than subscribe, no challenge, or a verify token that is not the number's.",
    message: {
      id: "Token verifikasi tidak cocok dengan Nomor WhatsApp ini",
      en: "The verify token does not match this channel",
    },
  },
  invalidSignature: {
    code: "invalid_signature",
    status: 401,
    when: "A webhook delivery (POST) has no X-Hub-Signature-256, or one that is not the HMAC-SHA256 of the body under the app secret.",
    message: {
      id: "X-Hub-Signature-256 tidak ada atau tidak cocok dengan isi permintaan",
      en: "X-Hub-Signature-256 is missing or does not match the body",
    },
  },
});

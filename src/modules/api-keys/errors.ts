/** Errors of API keys: managing them, and a machine client calling with one. */
import { defineErrors } from "../../lib/errors.js";

/** The api-keys module's catalogue. */
export const apiKeyErrors = defineErrors({
  notFound: {
    code: "api_key_not_found",
    status: 404,
    when: "Revoking an API key the shop does not have (unknown, or another shop's).",
    message: { id: "Kunci API tidak ditemukan", en: "API key not found" },
  },
  notAllowed: {
    code: "api_key_not_allowed",
    status: 403,
    when: "An API key calls a route machine clients may not use (the web app's routes: /auth/me, settings, campaigns…); only routes marked `config.apiKey` accept keys.",
    message: {
      id: "Kunci API tidak bisa dipakai untuk alamat ini",
      en: "API keys cannot be used for this route",
    },
  },
  rateLimited: {
    code: "api_key_rate_limited",
    status: 429,
    when: "An API key sent more requests in a minute than KABAR_API_KEY_RATE allows; `Retry-After` says how many seconds to wait.",
    message: (p: { max: number; retryAfterSeconds: number }) => ({
      id: `Kunci API ini melewati batas ${p.max} permintaan per menit. Coba lagi dalam ${p.retryAfterSeconds} detik`,
      en: `This API key went over its limit of ${p.max} requests a minute. Try again in ${p.retryAfterSeconds} seconds`,
    }),
  },
});

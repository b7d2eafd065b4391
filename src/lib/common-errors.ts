/**
 * Errors shared by every module (sign-in, roles, input checks that lib/ owns: phone
 * numbers, time zones). Modules throw these; the HTTP layer's own errors live in
 * src/http/error-catalogue.ts.
 */
import { defineErrors } from "./errors.js";

/** The names of the bad fields, comma separated (the summary of a `validation_failed`). */
function fieldNames(fields: Record<string, string>): string {
  return typeof fields === "object" ? Object.keys(fields).join(", ") : String(fields);
}

/** The shared catalogue. */
export const commonErrors = defineErrors({
  unauthenticated: {
    code: "unauthenticated",
    status: 401,
    when: "No session or API token, or the session expired.",
    message: { id: "Silakan masuk terlebih dahulu", en: "Please sign in first" },
  },
  forbidden: {
    code: "forbidden",
    status: 403,
    when: "Signed in, but the role may not do this (an agent calling an owner-only route, an API key acting as a user).",
    message: {
      id: "Anda tidak punya izin untuk tindakan ini",
      en: "You do not have permission for this action",
    },
  },
  moduleDisabled: {
    code: "module_disabled",
    status: 403,
    when: "The shop switched off the module this route or action belongs to (Settings → Modules); `fields.module` names it.",
    message: (p: { module: string }) => ({
      id: `Modul ${p.module} dinonaktifkan untuk toko ini`,
      en: `The ${p.module} module is switched off for this shop`,
      fields: { module: p.module },
    }),
  },
  missingScope: {
    code: "missing_scope",
    status: 403,
    when: "An API key calls a route its scopes do not cover (an `orders:read` key creating an order).",
    message: (p: { scope: string }) => ({
      id: `Kunci API ini tidak punya izin ${p.scope}`,
      en: `This API key lacks the ${p.scope} scope`,
    }),
  },
  validationFailed: {
    code: "validation_failed",
    status: 400,
    when: "The body, query or a rule's settings break the route's schema; `fields` names each bad field.",
    message: (p: { fields: Record<string, string> }) => ({
      id: `Data tidak valid: ${fieldNames(p.fields)}`,
      en: `Invalid input: ${fieldNames(p.fields)}`,
      fields: p.fields,
    }),
  },
  invalidPhone: {
    code: "invalid_phone",
    status: 400,
    when: "A phone number is not a valid WhatsApp number (after the Indonesian 08… → +628… normalisation); the field names why.",
    message: (p: { reason: string; field: string }) => ({
      id: `Nomor telepon tidak valid: ${p.reason}`,
      en: `Invalid phone number: ${p.reason}`,
      fields: { [p.field]: p.reason },
    }),
  },
  invalidTimeZone: {
    code: "invalid_time_zone",
    status: 400,
    when: "A time zone is not an IANA name (e.g. Asia/Jakarta).",
    message: (p: { timeZone: string }) => ({
      id: `Zona waktu tidak dikenal: "${p.timeZone}"`,
      en: `Unknown time zone "${p.timeZone}"`,
      fields: { timeZone: "unknown IANA time zone" },
    }),
  },
});

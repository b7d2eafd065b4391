/**
 * Typed domain errors. Each has a stable machine `code`, an HTTP status, and a human
 * message in Bahasa Indonesia (`id`, first) and English (`en`). Mapped to HTTP in one
 * place (src/http/errors.ts); services never know about HTTP otherwise.
 */
export class KabarError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: { id: string; en: string },
    /** Per-field problems, keyed by field path (e.g. "audience.labels"). */
    readonly fields?: Record<string, string>,
  ) {
    super(messages.en);
    this.name = "KabarError";
  }
}

/** 404: the thing does not exist in the caller's tenant (never says whether it exists elsewhere). */
export function notFound(what: string): KabarError {
  return new KabarError(`${what}_not_found`, 404, {
    id: `${LABELS_ID[what] ?? what} tidak ditemukan`,
    en: `${what.replace(/_/g, " ")} not found`,
  });
}

/** 400: invalid input; `fields` names each bad field. */
export function invalid(code: string, en: string, id: string, fields?: Record<string, string>): KabarError {
  return new KabarError(code, 400, { id, en }, fields);
}

/** 409: the request conflicts with the current state (e.g. starting a completed campaign). */
export function conflict(code: string, en: string, id: string): KabarError {
  return new KabarError(code, 409, { id, en });
}

/** 403: signed in, but the role may not do this. */
export function forbidden(): KabarError {
  return new KabarError("forbidden", 403, {
    id: "Anda tidak punya izin untuk tindakan ini",
    en: "You do not have permission for this action",
  });
}

/** 401: not signed in, or the session expired. */
export function unauthenticated(): KabarError {
  return new KabarError("unauthenticated", 401, {
    id: "Silakan masuk terlebih dahulu",
    en: "Please sign in first",
  });
}

const LABELS_ID: Record<string, string> = {
  contact: "Kontak",
  campaign: "Kampanye",
  channel: "Nomor WhatsApp",
  template: "Template",
  import: "Impor",
  conversation: "Percakapan",
  sandbox_phone: "Ponsel sandbox",
};

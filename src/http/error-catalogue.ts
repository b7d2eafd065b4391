/**
 * The HTTP layer's own errors: routes and ids that do not exist, bodies Fastify cannot
 * read, uploads, cross-site requests, and the answers of the one mapper
 * (src/http/errors.ts) for what is not a KabarError (the database away, a bug).
 */
import { defineErrors } from "../lib/errors.js";

/** The HTTP layer's catalogue. */
export const httpErrors = defineErrors({
  routeNotFound: {
    code: "route_not_found",
    status: 404,
    when: "No route has this method and path (outside the web app's pages).",
    message: (p: { method: string; url: string }) => ({
      id: `Tidak ada rute ${p.method} ${p.url}`,
      en: `No route ${p.method} ${p.url}`,
    }),
  },
  notFound: {
    code: "not_found",
    status: 404,
    when: "An id in the path is not even well formed (e.g. not a UUID): nothing can have it.",
    message: { id: "Tidak ditemukan", en: "Not found" },
  },
  invalidText: {
    code: "invalid_text",
    status: 400,
    when: "PostgreSQL refuses a text (a NUL character, an invalid byte sequence).",
    message: {
      id: "Teks berisi karakter yang tidak bisa disimpan",
      en: "The text contains characters that cannot be stored",
    },
  },
  databaseUnavailable: {
    code: "database_unavailable",
    status: 503,
    when: "The database is restarting or unreachable; the answer carries Retry-After.",
    message: {
      id: "Database sedang tidak tersedia. Kabar akan tersambung kembali dengan sendirinya; coba lagi sebentar lagi",
      en: "The database is temporarily unavailable. Kabar reconnects by itself; try again shortly",
    },
  },
  internalError: {
    code: "internal_error",
    status: 500,
    when: "A bug: the error is logged, the answer says nothing of it.",
    message: { id: "Terjadi kesalahan di server", en: "Something went wrong on our side" },
  },
  rateLimited: {
    code: "rate_limited",
    status: 429,
    when: "Too many requests to a rate-limited route from one address in a short time (sign-in: KABAR_SIGN_IN_PER_MINUTE).",
    message: {
      id: "Terlalu banyak percobaan. Coba lagi sebentar lagi",
      en: "Too many attempts. Try again shortly",
    },
  },
  invalidJson: {
    code: "invalid_json",
    status: 400,
    when: "The body is sent as JSON but is not valid JSON (also a Cloud API webhook delivery).",
    message: { id: "Isi permintaan bukan JSON yang valid", en: "The request body is not valid JSON" },
  },
  emptyJson: {
    code: "invalid_json",
    status: 400,
    when: "The body is sent as JSON but is empty.",
    message: { id: "Isi permintaan JSON kosong", en: "The JSON request body is empty" },
  },
  unsupportedMediaType: {
    code: "unsupported_media_type",
    status: 415,
    when: "The body's content type is not one the route reads (a webhook delivery that is not application/json).",
    message: { id: "Jenis konten tidak didukung", en: "Unsupported content type" },
  },
  bodyTooLarge: {
    code: "body_too_large",
    status: 413,
    when: "A JSON body is larger than the server accepts.",
    message: { id: "Isi permintaan terlalu besar", en: "The request body is too large" },
  },
  badRequest: {
    code: "bad_request",
    status: 400,
    when: "Another problem Fastify finds in a request before any route runs; the code is Fastify's own code in lower case where it has one (e.g. `fst_err_ctp_invalid_content_length`), the message Fastify's.",
    message: (p: { message: string }) => ({
      id: `Permintaan tidak valid (${p.message})`,
      en: p.message,
    }),
  },
  crossOriginRequest: {
    code: "cross_origin_request",
    status: 403,
    when: "An unsafe request (POST, PATCH, PUT, DELETE) signed in by cookie that does not come from Kabar's own pages.",
    message: {
      id: "Permintaan dari situs lain ditolak. Buka Kabar dari alamatnya sendiri lalu coba lagi",
      en: "Requests from another site are refused. Open Kabar at its own address and try again",
    },
  },
  invalidMultipart: {
    code: "invalid_multipart",
    status: 400,
    when: "An upload is not a complete multipart/form-data body (no boundary, cut short, broken part headers).",
    message: {
      id: "Unggahan bukan isi multipart/form-data yang lengkap",
      en: "The upload is not a complete multipart/form-data body",
      fields: { file: "invalid multipart body" },
    },
  },
  fileRequired: {
    code: "file_required",
    status: 400,
    when: 'An upload has no multipart field "file".',
    message: {
      id: 'Unggah berkas pada field "file"',
      en: 'Upload the file as multipart field "file"',
      fields: { file: "required" },
    },
  },
  uploadTimeout: {
    code: "upload_timeout",
    status: 408,
    when: "The client stopped sending an upload.",
    message: (p: { seconds: number }) => ({
      id: `Unggahan berhenti (tidak ada data selama ${p.seconds} detik). Coba unggah lagi`,
      en: `The upload stalled (no data for ${p.seconds} seconds). Try uploading again`,
    }),
  },
});

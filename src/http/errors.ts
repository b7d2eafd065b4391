import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { isDatabaseUnavailable } from "../db/availability.js";
import { KabarError } from "../lib/errors.js";

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Picks the reply language: English when the client prefers it, Bahasa Indonesia otherwise. */
export function replyLanguage(req: FastifyRequest): "id" | "en" {
  const accept = String(req.headers["accept-language"] ?? "").toLowerCase();
  return /^en\b/.test(accept) ? "en" : "id";
}

/**
 * The one place errors become HTTP: KabarError → its status; schema validation → 400
 * naming each field; a body too large or malformed JSON → 400/413; the database away
 * (restarting, unreachable, a dropped connection) → 503 `database_unavailable` with
 * Retry-After; anything else → 500, logged, with no internals in the reply.
 */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const lang = replyLanguage(req);
  if (err instanceof KabarError) {
    void reply.status(err.status).send(body(err.code, err.messages[lang], err.fields));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err) && err.validationContext === "params") {
    const message = lang === "en" ? "Not found" : "Tidak ditemukan";
    void reply.status(404).send(body("not_found", message));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: Record<string, string> = {};
    for (const v of err.validation) {
      const path = v.instancePath.replace(/^\//, "").replace(/\//g, ".") || (err.validationContext ?? "body");
      fields[path] ??= fieldMessage(v, lang);
    }
    const names = Object.keys(fields).join(", ");
    const message = lang === "en" ? `Invalid input: ${names}` : `Data tidak valid: ${names}`;
    void reply.status(400).send(body("validation_failed", message, fields));
    return;
  }
  const pgCode = (err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
  if (pgCode === "22021" || pgCode === "22P05") {
    // PostgreSQL refuses the text (a NUL character, an invalid byte sequence).
    const message =
      lang === "en"
        ? "The text contains characters that cannot be stored"
        : "Teks berisi karakter yang tidak bisa disimpan";
    void reply.status(400).send(body("invalid_text", message));
    return;
  }
  if ((err.statusCode ?? 500) >= 500 && isDatabaseUnavailable(err)) {
    req.log.warn({ err }, "the database is unavailable");
    void reply
      .status(503)
      .header("retry-after", String(DATABASE_RETRY_AFTER_S))
      .send(body("database_unavailable", DATABASE_UNAVAILABLE[lang]));
    return;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const known = FRAMEWORK_ERRORS[err.code] ?? (status === 429 ? FRAMEWORK_ERRORS.RATE_LIMITED : undefined);
    if (known) {
      void reply.status(status).send(body(known.code, known[lang]));
      return;
    }
    const message = lang === "en" ? err.message : `Permintaan tidak valid (${err.message})`;
    void reply.status(status).send(body(err.code?.toLowerCase() ?? "bad_request", message));
    return;
  }
  req.log.error({ err }, "unhandled error");
  const message = lang === "en" ? "Something went wrong on our side" : "Terjadi kesalahan di server";
  void reply.status(500).send(body("internal_error", message));
}

/** Seconds a client is asked to wait (Retry-After) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_S = 5;

/** The answer while the database is away (restarting, unreachable). */
export const DATABASE_UNAVAILABLE = {
  id: "Database sedang tidak tersedia. Kabar akan tersambung kembali dengan sendirinya; coba lagi sebentar lagi",
  en: "The database is temporarily unavailable. Kabar reconnects by itself; try again shortly",
};

const LOCALES = { id: z.locales.id().localeError, en: z.locales.en().localeError };

/** One schema validation problem as fastify-type-provider-zod reports it. */
export interface ValidationProblem {
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * A field's problem in the reply language. Zod's own messages (English by default) are
 * rebuilt from the issue with zod's locale (`z.locales.id`, e.g. "Terlalu kecil: …");
 * messages our schemas wrote themselves (a regex hint, a refine) are kept as written.
 */
export function fieldMessage(v: ValidationProblem, lang: "id" | "en"): string {
  const message = v.message ?? "invalid";
  const issue = { input: sampleOfReceived(message), ...v.params, code: v.keyword } as Parameters<
    typeof LOCALES.en
  >[0];
  try {
    const stock = LOCALES.en(issue);
    const stockText = typeof stock === "string" ? stock : stock?.message;
    if (stockText !== message) return message;
    const local = LOCALES[lang](issue);
    return (typeof local === "string" ? local : local?.message) ?? message;
  } catch {
    return message;
  }
}

/** Reports drop the input; "received <type>" in zod's message gives back a value of that type to rebuild it. */
function sampleOfReceived(message: string): unknown {
  const received = /received (\w+)$/.exec(message)?.[1];
  const samples: Record<string, unknown> = {
    string: "",
    number: 0,
    boolean: false,
    array: [],
    object: {},
    null: null,
    bigint: 0n,
  };
  return received ? samples[received] : undefined;
}

/** Fastify's own 4xx errors, with a stable code and a message in both languages. */
const FRAMEWORK_ERRORS: Record<string, { code: string; id: string; en: string }> = {
  RATE_LIMITED: {
    code: "rate_limited",
    id: "Terlalu banyak percobaan. Coba lagi sebentar lagi",
    en: "Too many attempts. Try again shortly",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: "invalid_json",
    id: "Isi permintaan bukan JSON yang valid",
    en: "The request body is not valid JSON",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "invalid_json",
    id: "Isi permintaan JSON kosong",
    en: "The JSON request body is empty",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "unsupported_media_type",
    id: "Jenis konten tidak didukung",
    en: "Unsupported content type",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "body_too_large",
    id: "Isi permintaan terlalu besar",
    en: "The request body is too large",
  },
};

function body(code: string, message: string, fields?: Record<string, string>): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

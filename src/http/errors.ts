import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { isDatabaseUnavailable } from "../db/availability.js";
import { commonErrors } from "../lib/common-errors.js";
import { fieldProblemIn, KabarError } from "../lib/errors.js";
import { httpErrors } from "./error-catalogue.js";

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    details?: Record<string, unknown>;
  };
}

/** Picks the reply language: English when the client prefers it, Bahasa Indonesia otherwise. */
function replyLanguage(req: FastifyRequest): "id" | "en" {
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
  if (err instanceof KabarError) {
    sendError(err, req, reply);
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err) && err.validationContext === "params") {
    sendError(httpErrors.notFound(), req, reply);
    return;
  }
  const lang = replyLanguage(req);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: Record<string, string> = {};
    for (const v of err.validation) {
      const path = v.instancePath.replace(/^\//, "").replace(/\//g, ".") || (err.validationContext ?? "body");
      fields[path] ??= fieldMessage(v, lang);
    }
    sendError(commonErrors.validationFailed({ fields }), req, reply);
    return;
  }
  const pgCode = (err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
  if (pgCode === "22021" || pgCode === "22P05") {
    // PostgreSQL refuses the text (a NUL character, an invalid byte sequence).
    sendError(httpErrors.invalidText(), req, reply);
    return;
  }
  if ((err.statusCode ?? 500) >= 500 && isDatabaseUnavailable(err)) {
    req.log.warn({ err }, "the database is unavailable");
    reply.header("retry-after", String(DATABASE_RETRY_AFTER_S));
    sendError(httpErrors.databaseUnavailable(), req, reply);
    return;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const known = FRAMEWORK_ERRORS[err.code] ?? (status === 429 ? FRAMEWORK_ERRORS.RATE_LIMITED : undefined);
    if (known) {
      // The catalogue's status is Fastify's own for each of these (400, 413, 415, 429).
      sendError(known(), req, reply);
      return;
    }
    const e = httpErrors.badRequest({ message: err.message });
    void reply.status(status).send(body(err.code?.toLowerCase() ?? e.code, e.messages[lang]));
    return;
  }
  req.log.error({ err }, "unhandled error");
  sendError(httpErrors.internalError(), req, reply);
}

/** Answers `err` in the request's language: its status, and `{ error: { code, message, fields? } }`. */
export function sendError(err: KabarError, req: FastifyRequest, reply: FastifyReply): void {
  const lang = replyLanguage(req);
  const fields = err.fields
    ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, fieldProblemIn(v, lang)]))
    : undefined;
  void reply
    .status(err.status)
    .send(
      err.details
        ? { error: { ...body(err.code, err.messages[lang], fields).error, details: err.details } }
        : body(err.code, err.messages[lang], fields),
    );
}

/** Seconds a client is asked to wait (Retry-After) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_S = 5;

const LOCALES = { id: z.locales.id().localeError, en: z.locales.en().localeError };

/** One schema validation problem as fastify-type-provider-zod reports it. */
interface ValidationProblem {
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

/** Fastify's own 4xx errors, by Fastify's code, as catalogue entries. */
const FRAMEWORK_ERRORS: Record<string, () => KabarError> = {
  RATE_LIMITED: httpErrors.rateLimited,
  FST_ERR_CTP_INVALID_JSON_BODY: httpErrors.invalidJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: httpErrors.emptyJson,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: httpErrors.unsupportedMediaType,
  FST_ERR_CTP_BODY_TOO_LARGE: httpErrors.bodyTooLarge,
};

function body(code: string, message: string, fields?: Record<string, string>): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

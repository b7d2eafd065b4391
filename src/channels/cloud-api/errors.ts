/**
 * What Kabar does about each Graph API error: retry later, fail the one recipient, stop
 * the whole channel, or ask the owner for a new access token.
 *
 * Sources: Meta, "WhatsApp Cloud API — Error codes"
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes) and
 * "Graph API — Handling errors" (https://developers.facebook.com/docs/graph-api/guides/error-handling).
 * An error answer is `{ error: { message, type, code, error_subcode?, error_data?: { details },
 * fbtrace_id } }`; the same codes arrive asynchronously in a failed status webhook
 * (`statuses[].errors[]`).
 */
import { TransportError, type TransportErrorCode } from "../transport.js";

/**
 * - `retry`: temporary (throughput, pair rate limit, Meta-side outage); try again with backoff.
 * - `fail`: this recipient cannot get this message (undeliverable, outside the window,
 *   template problem, invalid parameter); do not retry.
 * - `stop`: the number must stop sending (spam limit, policy block, locked account).
 * - `token`: the access token expired, was revoked or lacks permissions.
 */
export type GraphErrorKind = "retry" | "fail" | "stop" | "token";

/** A classified Graph error; `message` is a short English explanation for the owner. */
interface GraphErrorClass {
  kind: GraphErrorKind;
  transportCode: TransportErrorCode;
  message: string;
}

type Entry = GraphErrorClass;
const retry = (message: string, transportCode: TransportErrorCode = "rate_limited"): Entry => ({
  kind: "retry",
  transportCode,
  message,
});
const fail = (message: string, transportCode: TransportErrorCode = "invalid_message"): Entry => ({
  kind: "fail",
  transportCode,
  message,
});
const stop = (message: string): Entry => ({ kind: "stop", transportCode: "banned", message });
const token = (message: string): Entry => ({ kind: "token", transportCode: "logged_out", message });

/** Exact codes (Meta's error-codes table). */
const BY_CODE = new Map<number, Entry>([
  // Throttling: "wait and retry".
  [4, retry("Too many API calls for this app; retrying later")],
  [613, retry("Graph API rate limit reached; retrying later")],
  [80007, retry("Rate limit of the WhatsApp Business Account reached; retrying later")],
  [130429, retry("Message throughput of this number reached; retrying later")],
  [131056, retry("Too many messages to this customer in a short time; retrying later")],
  // Temporary Meta-side problems.
  [1, retry("Unknown Graph API error; retrying later", "network_error")],
  [2, retry("WhatsApp service temporarily unavailable; retrying later", "network_error")],
  [131000, retry("Something went wrong at WhatsApp; retrying later", "network_error")],
  [131016, retry("WhatsApp service overloaded; retrying later", "network_error")],
  [133004, retry("WhatsApp server temporarily unavailable; retrying later", "network_error")],
  // This recipient / this message.
  [
    131047,
    fail(
      "More than 24 hours since the customer last wrote: only an approved template can be sent",
      "outside_window",
    ),
  ],
  [
    131026,
    fail(
      "WhatsApp could not deliver the message (not a WhatsApp number, outdated app, or terms not accepted)",
    ),
  ],
  [131049, fail("WhatsApp did not deliver this marketing message to keep engagement healthy")],
  [131050, fail("The customer stopped marketing messages from this business")],
  [131021, fail("The recipient is the sending number itself")],
  [131030, fail("The recipient is not in the test number's allowed list")],
  [131051, fail("Unsupported message type")],
  [131052, fail("WhatsApp could not download the media")],
  [131053, fail("WhatsApp could not upload the media")],
  [131008, fail("A required parameter is missing")],
  [131009, fail("A parameter value is not valid")],
  [100, fail("Invalid parameter")],
  [135000, fail("Generic user error")],
  // The number must stop.
  [
    131048,
    stop("Spam rate limit hit: too many customers blocked or reported this number; sending is stopped"),
  ],
  [368, stop("Temporarily blocked by Meta for policy violations; sending is stopped")],
  [131031, stop("The WhatsApp Business Account is locked; sending is stopped")],
  [131042, stop("Payment problem on the WhatsApp Business Account; sending is stopped")],
  [133010, stop("The phone number is not registered on the Cloud API; sending is stopped")],
  // The token.
  [10, token("The access token lacks a permission (whatsapp_business_messaging)")],
]);

/** Subcodes of 190 that say why the token is invalid (Graph API error handling). */
const TOKEN_SUBCODES = new Map<number, string>([
  [458, "the app is no longer installed"],
  [460, "the password of the user changed"],
  [463, "it expired"],
  [464, "the user is unconfirmed"],
  [467, "it is invalid"],
]);

/**
 * Classifies a Graph API error code (and subcode): a pure function of Meta's error-codes
 * table. Template errors 132000–132016 fail the recipient; permission errors 200–299 and
 * 190 (expired or invalid token, reason from the subcode) need a new token. An unknown
 * code fails the recipient (Meta refused this message; retrying would only repeat it).
 */
export function classifyGraphError(code: number, subcode?: number): GraphErrorClass {
  if (code === 190) {
    const why = subcode !== undefined ? TOKEN_SUBCODES.get(subcode) : undefined;
    return token(`The access token is no longer valid${why ? `: ${why}` : ""}; enter a new token`);
  }
  const known = BY_CODE.get(code);
  if (known) return known;
  if (code >= 132000 && code <= 132016)
    return fail("Problem with the message template (missing, paused, disabled, or parameters do not match)");
  if (code >= 200 && code <= 299) return token("The access token lacks a permission for this number");
  return fail(`WhatsApp refused the message (error ${code})`);
}

/**
 * An error answer of the Graph API (`{ error: { message, type, code, error_subcode,
 * error_data: { details }, fbtrace_id } }`). `code` is null when the body was not a Graph
 * error (e.g. a proxy's 502 page).
 */
export class GraphApiError extends Error {
  constructor(
    /** HTTP status of the answer. */
    readonly httpStatus: number,
    readonly code: number | null,
    message: string,
    readonly subcode?: number,
    /** `error_data.details`: Meta's human detail, e.g. which parameter is wrong. */
    readonly details?: string,
    readonly fbtraceId?: string,
  ) {
    super(message);
    this.name = "GraphApiError";
  }

  /** Reads a Graph error answer; anything else becomes a code-less error. */
  static from(httpStatus: number, body: unknown): GraphApiError {
    const e = (body as { error?: Record<string, unknown> } | null)?.error;
    if (!e || typeof e.code !== "number")
      return new GraphApiError(httpStatus, null, `Graph API answered HTTP ${httpStatus}`);
    const data = e.error_data as { details?: unknown } | undefined;
    return new GraphApiError(
      httpStatus,
      e.code,
      typeof e.message === "string" ? e.message : `Graph API error ${e.code}`,
      typeof e.error_subcode === "number" ? e.error_subcode : undefined,
      typeof data?.details === "string" ? data.details : undefined,
      typeof e.fbtrace_id === "string" ? e.fbtrace_id : undefined,
    );
  }

  /** The class of this error; a code-less 5xx or 429 is retried, other code-less ones fail. */
  classify(): GraphErrorClass {
    if (this.code !== null) return classifyGraphError(this.code, this.subcode);
    if (this.httpStatus >= 500 || this.httpStatus === 429)
      return retry(`WhatsApp answered HTTP ${this.httpStatus}; retrying later`, "network_error");
    return fail(`WhatsApp answered HTTP ${this.httpStatus}`);
  }
}

/**
 * The request never got an answer. `safeToRetry` is true when it cannot have reached Meta
 * (connection refused, DNS failure); after a timeout or a reset the outcome is unknown.
 */
export class GraphNetworkError extends Error {
  constructor(
    message: string,
    readonly safeToRetry: boolean,
  ) {
    super(message);
    this.name = "GraphNetworkError";
  }
}

/** A TransportError from the Cloud API, carrying the class and Meta's code. */
export class CloudApiTransportError extends TransportError {
  constructor(
    readonly kind: GraphErrorKind,
    code: TransportErrorCode,
    message: string,
    /** Meta's error code, when the Graph API gave one. */
    readonly graphCode: number | null = null,
  ) {
    super(code, message, kind === "retry", kind === "stop" || kind === "token");
  }
}

/**
 * Maps anything `GraphClient` throws to a TransportError: retry → retryable; fail → not
 * retryable; stop / token → `stopChannel`. The message names Meta's code and detail.
 * A network error is retryable only when the request cannot have reached Meta: the Cloud
 * API has no idempotency key, so a send whose outcome is unknown is never repeated (it
 * fails with `network_error` instead of maybe reaching the customer twice).
 */
export function toTransportError(err: unknown): CloudApiTransportError {
  if (err instanceof CloudApiTransportError) return err;
  if (err instanceof GraphApiError) {
    const c = err.classify();
    const detail = err.details ?? err.message;
    const ref = err.code !== null ? ` (Meta #${err.code}${detail ? `: ${detail}` : ""})` : "";
    return new CloudApiTransportError(c.kind, c.transportCode, `${c.message}${ref}`, err.code);
  }
  if (err instanceof GraphNetworkError) {
    return err.safeToRetry
      ? new CloudApiTransportError(
          "retry",
          "network_error",
          `Cannot reach WhatsApp (${err.message}); retrying later`,
        )
      : new CloudApiTransportError(
          "fail",
          "network_error",
          `No answer from WhatsApp (${err.message}): it may have been delivered, so it is not sent again`,
        );
  }
  return new CloudApiTransportError("fail", "network_error", String((err as Error)?.message ?? err));
}

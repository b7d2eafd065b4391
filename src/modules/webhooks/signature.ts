/**
 * `X-Hub-Signature-256` of Meta's webhooks: "sha256=" followed by the lowercase hex
 * HMAC-SHA256 of the request body under the app secret. Meta signs the body exactly as
 * sent, which is "an escaped unicode version of the payload, with lowercase hex digits"
 * (e.g. "é" travels as `\u00e9`): only the raw bytes verify, never a re-serialised parse
 * (Graph API, "Webhooks — Getting started" → Validating payloads,
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Name of the signature header (Node lower-cases header names). */
export const SIGNATURE_HEADER = "x-hub-signature-256";

/** The header value Meta would send for `body`: "sha256=<64 lowercase hex digits>". */
export function signBody(appSecret: string, body: Buffer | string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/**
 * Whether `header` is the signature of the raw `body` bytes under `appSecret`. Compared
 * in constant time (`crypto.timingSafeEqual`); a missing or malformed header is false.
 */
export function verifySignature(
  appSecret: string,
  body: Buffer,
  header: string | string[] | undefined,
): boolean {
  if (typeof header !== "string") return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]!.toLowerCase(), "hex");
  const expected = createHmac("sha256", appSecret).update(body).digest();
  return timingSafeEqual(given, expected);
}

/**
 * Whether two secrets are equal, in constant time whatever their lengths (both are
 * hashed first), e.g. the webhook's `hub.verify_token`.
 */
export function secretsEqual(a: string, b: string): boolean {
  const hash = (s: string) => createHmac("sha256", "kabar-compare").update(s).digest();
  return timingSafeEqual(hash(a), hash(b));
}

/**
 * Signing outgoing webhooks. Header `Kabar-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<raw body>")>`; the receiver recomputes it over the raw body and
 * rejects a `t` older than 5 minutes, its replay window (docs/webhooks.md shows how).
 */
import { createHmac, randomBytes } from "node:crypto";

/** A new endpoint secret: `whsec_` + 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * The `Kabar-Signature` header's value for `body` sent at `at`.
 * @param secret the endpoint's whole secret (`whsec_…`), used as the HMAC key as is
 * @param body the exact bytes sent (the JSON text)
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

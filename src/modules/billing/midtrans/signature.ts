import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Midtrans' notification signature (docs.midtrans.com, "HTTP(S) Notification / Webhooks",
 * verifying the notification's authenticity): `signature_key = SHA512(order_id + status_code
 * + gross_amount + server_key)` as lower-case hex, over the values exactly as sent (so
 * `gross_amount` is the string "150000.00", never a re-formatted number).
 */
export function midtransSignature(
  orderId: string,
  statusCode: string,
  grossAmount: string,
  serverKey: string,
): string {
  return createHash("sha512").update(`${orderId}${statusCode}${grossAmount}${serverKey}`).digest("hex");
}

/**
 * Whether a notification's fields carry a good signature: each of `order_id`, `status_code`,
 * `gross_amount` and `signature_key` must be a string (a number would not be the raw value
 * Midtrans signed), and the signature is compared in constant time (`crypto.timingSafeEqual`).
 */
export function signatureValid(body: unknown, serverKey: string): boolean {
  if (typeof body !== "object" || body === null) return false;
  const b = body as Record<string, unknown>;
  const { order_id, status_code, gross_amount, signature_key } = b;
  if (
    typeof order_id !== "string" ||
    typeof status_code !== "string" ||
    typeof gross_amount !== "string" ||
    typeof signature_key !== "string"
  )
    return false;
  const expected = Buffer.from(midtransSignature(order_id, status_code, gross_amount, serverKey), "utf8");
  const given = Buffer.from(signature_key.toLowerCase(), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Midtrans' `gross_amount` string for integer rupiah: 150000 → "150000.00". */
export function grossAmountString(rupiah: number): string {
  return `${rupiah}.00`;
}

/**
 * Integer rupiah of Midtrans' `gross_amount` ("150000.00", "150000"), or null when it is not
 * a whole number of rupiah.
 */
export function rupiahOfGross(value: unknown): number | null {
  const s = typeof value === "number" ? String(value) : value;
  if (typeof s !== "string" || !/^\d{1,12}(\.0{1,2})?$/.test(s)) return null;
  return Number.parseInt(s, 10);
}

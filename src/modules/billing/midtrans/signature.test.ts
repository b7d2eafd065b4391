import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { midtransSignature, rupiahOfGross, signatureValid } from "./signature.js";

const KEY = "SB-Mid-server-TEST";
const body = (over: Record<string, unknown> = {}) => {
  const b: Record<string, unknown> = { order_id: "KBR-1", status_code: "200", gross_amount: "150000.00" };
  b.signature_key = midtransSignature("KBR-1", "200", "150000.00", KEY);
  return { ...b, ...over };
};

describe("Midtrans' notification signature", () => {
  it("is SHA512 of order_id + status_code + gross_amount + server key, lower-case hex", () => {
    expect(midtransSignature("KBR-1", "200", "150000.00", KEY)).toBe(
      createHash("sha512").update("KBR-1200150000.00SB-Mid-server-TEST").digest("hex"),
    );
  });

  it("accepts the good one, in either case", () => {
    expect(signatureValid(body(), KEY)).toBe(true);
    expect(signatureValid(body({ signature_key: String(body().signature_key).toUpperCase() }), KEY)).toBe(
      true,
    );
  });

  it("refuses a forged, missing, truncated or other-key signature, and a tampered amount or status", () => {
    expect(signatureValid(body({ signature_key: "0".repeat(128) }), KEY)).toBe(false);
    expect(signatureValid(body({ signature_key: undefined }), KEY)).toBe(false);
    expect(signatureValid(body({ signature_key: String(body().signature_key).slice(0, 64) }), KEY)).toBe(
      false,
    );
    expect(signatureValid(body(), "SB-Mid-server-OTHER")).toBe(false);
    expect(signatureValid(body({ gross_amount: "1.00" }), KEY)).toBe(false);
    expect(signatureValid(body({ status_code: "201" }), KEY)).toBe(false);
  });

  it("takes the raw values only: a number amount is not what Midtrans signed", () => {
    expect(signatureValid(body({ gross_amount: 150000 }), KEY)).toBe(false);
    expect(signatureValid(null, KEY)).toBe(false);
    expect(signatureValid("x", KEY)).toBe(false);
  });

  it("reads Midtrans' gross_amount as whole rupiah", () => {
    expect(rupiahOfGross("150000.00")).toBe(150000);
    expect(rupiahOfGross("150000")).toBe(150000);
    expect(rupiahOfGross("150000.50")).toBeNull();
    expect(rupiahOfGross("-1.00")).toBeNull();
    expect(rupiahOfGross(null)).toBeNull();
  });
});

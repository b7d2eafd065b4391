import { describe, expect, it } from "vitest";
import { paymentStatusOf } from "./status.js";

describe("Midtrans' transaction_status → the payment's status", () => {
  it.each([
    ["settlement", undefined, "paid"],
    ["capture", "accept", "paid"],
    ["capture", "challenge", "pending"],
    ["capture", null, "pending"],
    ["capture", "deny", "failed"],
    ["pending", undefined, "pending"],
    ["authorize", undefined, "pending"],
    ["deny", undefined, "failed"],
    ["cancel", undefined, "failed"],
    ["expire", undefined, "failed"],
    ["failure", undefined, "failed"],
    ["refund", undefined, "refunded"],
    ["partial_refund", undefined, "refunded"],
    ["chargeback", undefined, null],
    ["", undefined, null],
  ] as const)("%s (fraud %s) → %s", (status, fraud, expected) => {
    expect(paymentStatusOf(status, fraud)).toBe(expected);
  });
});

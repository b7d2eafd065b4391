import { describe, expect, it } from "vitest";
import { recipientMessageId } from "./snapshot.js";

describe("recipientMessageId", () => {
  it("is stable for a campaign and contact, so a resend carries the same id", () => {
    expect(recipientMessageId("c1", "k1")).toBe(recipientMessageId("c1", "k1"));
  });
  it("differs between contacts and between campaigns", () => {
    const ids = new Set([
      recipientMessageId("c1", "k1"),
      recipientMessageId("c1", "k2"),
      recipientMessageId("c2", "k1"),
    ]);
    expect(ids.size).toBe(3);
  });
  it("looks like a WhatsApp Web id (3EB0 + 18 upper-case hex)", () => {
    expect(recipientMessageId("c", "k")).toMatch(/^3EB0[0-9A-F]{18}$/);
  });
});

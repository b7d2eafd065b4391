import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signatureHeader } from "./sign.js";

describe("webhook signatures", () => {
  it("sign the unix seconds and the raw body with HMAC-SHA256 of the secret", () => {
    const at = new Date("2026-12-07T00:00:00.900Z");
    const header = signatureHeader("whsec_test", '{"a":1}', at);
    const t = 1796601600;
    const hex = createHmac("sha256", "whsec_test").update(`${t}.{"a":1}`).digest("hex");
    expect(header).toBe(`t=${t},v1=${hex}`);
  });

  it("secrets are whsec_ and 43 random characters, never the same twice", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { metaJson } from "../../../test/support/fake-graph.js";
import { secretsEqual, signBody, verifySignature } from "./signature.js";

const SECRET = "app-secret-rahasia";
const hmac = (body: string | Buffer) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

describe("X-Hub-Signature-256", () => {
  // Meta sends non-ASCII characters escaped ("\u00e9", emoji as surrogate pairs).
  const payload = {
    entry: [
      {
        changes: [
          {
            value: {
              contacts: [{ profile: { name: "Sri Rahayu Ningsih 😊" } }, { profile: { name: "José Pérez" } }],
              messages: [{ text: { body: "Kak, pesanan saya 🙏🏽 sudah dikirim?" } }],
            },
          },
        ],
      },
    ],
  };
  const raw = metaJson(payload);

  it("verifies the raw body bytes as Meta sent them", () => {
    expect(raw).toContain("\\ud83d\\ude0a");
    expect(raw).toContain("Jos\\u00e9");
    expect(verifySignature(SECRET, Buffer.from(raw), hmac(raw))).toBe(true);
    expect(signBody(SECRET, raw)).toBe(hmac(raw));
  });

  it("would not verify over a re-serialised parse of the same body", () => {
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(JSON.parse(reserialised)).toEqual(JSON.parse(raw)); // same data…
    expect(reserialised).not.toBe(raw); // …different bytes (é and 😊 unescaped)
    expect(hmac(reserialised)).not.toBe(hmac(raw));
    expect(verifySignature(SECRET, Buffer.from(reserialised), hmac(raw))).toBe(false);
  });

  it("verifies UTF-8 bodies too: only the bytes matter", () => {
    const utf8 = JSON.stringify(payload);
    expect(verifySignature(SECRET, Buffer.from(utf8, "utf8"), hmac(Buffer.from(utf8, "utf8")))).toBe(true);
  });

  it("refuses a missing, malformed, wrongly keyed or tampered signature", () => {
    const body = Buffer.from(raw);
    expect(verifySignature(SECRET, body, undefined)).toBe(false);
    expect(verifySignature(SECRET, body, "")).toBe(false);
    expect(verifySignature(SECRET, body, hmac(raw).replace("sha256=", "sha1="))).toBe(false);
    expect(verifySignature(SECRET, body, "sha256=abc")).toBe(false);
    expect(verifySignature(SECRET, body, ["a", "b"])).toBe(false);
    expect(verifySignature("another-secret", body, hmac(raw))).toBe(false);
    expect(verifySignature(SECRET, Buffer.from(raw.replace("Sri", "Sry")), hmac(raw))).toBe(false);
  });

  it("accepts upper-case hex digits", () => {
    expect(verifySignature(SECRET, Buffer.from(raw), `sha256=${hmac(raw).slice(7).toUpperCase()}`)).toBe(
      true,
    );
  });
});

describe("secretsEqual", () => {
  it("compares verify tokens of any length", () => {
    expect(secretsEqual("verify-kabar-123", "verify-kabar-123")).toBe(true);
    expect(secretsEqual("verify-kabar-123", "verify-kabar-12")).toBe(false);
    expect(secretsEqual("", "x")).toBe(false);
  });
});

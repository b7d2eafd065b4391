import { describe, expect, it } from "vitest";
import { changesBetween, isSecretField, REDACTED, redact } from "./redact.js";

describe("redact", () => {
  it("keeps no value of a field named password, secret, token, key or hash, at any depth", () => {
    expect(
      redact({
        password: ["lama-rahasia", "baru-rahasia"],
        name: ["Rina", "Rina Wati"],
        credentials: [null, { accessToken: "EAAG…", phoneNumberId: "1234", app_secret: "s" }],
        endpoints: [[], [{ url: "https://toko.test/hook", signingKey: "whsec_1" }]],
      }),
    ).toEqual({
      password: [REDACTED, REDACTED],
      name: ["Rina", "Rina Wati"],
      credentials: [null, { accessToken: REDACTED, phoneNumberId: "1234", app_secret: REDACTED }],
      endpoints: [[], [{ url: "https://toko.test/hook", signingKey: REDACTED }]],
    });
  });

  it("matches whole words, so opt-out keywords and a monkey stay readable", () => {
    for (const f of [
      "password",
      "newPassword",
      "keyHash",
      "api_key",
      "secretKey",
      "token",
      "KEY",
      "passwordHash",
    ])
      expect(isSecretField(f), f).toBe(true);
    for (const f of ["optOutKeywords", "monkey", "name", "role", "hashtag", "tokenomics"])
      expect(isSecretField(f), f).toBe(false);
  });
});

describe("changesBetween", () => {
  it("lists only the fields that changed, before → after, secrets redacted; null when nothing did", () => {
    expect(
      changesBetween(
        { role: "agent", name: "Budi", passwordHash: "$argon2id$…" },
        { role: "manager", name: "Budi", passwordHash: "$argon2id$new", email: undefined },
      ),
    ).toEqual({ role: ["agent", "manager"], passwordHash: [REDACTED, REDACTED] });
    expect(changesBetween({ labels: ["a"] }, { labels: ["a"] })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { normalizePhone, phoneToJid } from "./normalize.js";

const e164 = (raw: string, country?: Parameters<typeof normalizePhone>[1]) => {
  const result = normalizePhone(raw, country);
  return result.ok ? result.e164 : `rejected: ${result.reason}`;
};

describe("normalizePhone", () => {
  it.each([
    ["0812-3456-7890", "+6281234567890"],
    ["08123456789", "+628123456789"],
    ["628123456789", "+628123456789"],
    ["+62 812 3456 789", "+628123456789"],
    ["0062812345678", "+62812345678"],
    ["0812 3456 7890", "+6281234567890"],
    ["0812.3456.7890", "+6281234567890"],
    ["(0812) 345-678", "+62812345678"],
    ["+62 (812) 3456-789", "+628123456789"],
    ["+62 (0)812 3456 789", "+628123456789"],
    ["8123456789", "+628123456789"],
    ["tel:+62-812-3456-789", "+628123456789"],
    ["TEL: 0812 3456 789;", "+628123456789"],
    ["\u200B0812 3456 789\u200E\uFEFF", "+628123456789"],
    ["\u00A00812\u00A03456\u00A0789 ", "+628123456789"],
    ["０８１２３４５６７８９", "+628123456789"],
    ["(021) 555-0123", "+62215550123"],
    ["+6591234567", "+6591234567"],
    ["+60 12-345 6789", "+60123456789"],
  ])("accepts %j as %s", (raw, expected) => {
    expect(e164(raw)).toBe(expected);
  });

  it("reads 62… without + as the country code, never as +6262…", () => {
    expect(e164("6281234567890")).toBe("+6281234567890");
    // 62 21 555 0123 is a Jakarta landline; read nationally it would also be valid (+6262215550123).
    expect(e164("62215550123")).toBe("+62215550123");
    expect(e164("620812-3456-789")).toBe("+628123456789");
  });

  it("falls back to the national reading when the country-code reading is invalid", () => {
    // For Singapore, 6512 3456 is a national landline, +65 123456 is too short.
    expect(e164("65123456", "SG")).toBe("+6565123456");
  });

  it("uses the default country for numbers without +", () => {
    expect(e164("91234567", "SG")).toBe("+6591234567");
    expect(e164("012-345 6789", "MY")).toBe("+60123456789");
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["\u200B", "empty"],
    ["123", "too short"],
    ["0812", "too short"],
    ["62812", "too short"],
    ["0812345", "invalid number for ID"],
    ["081234567890123", "invalid number for ID"],
    ["+62 812 3456 7890 1234", "invalid number for ID"],
    ["abc", "contains letters"],
    ["08l2-3456-7890", "contains letters"],
    ["0812 3456 7890 ext 12", "contains letters"],
    ["0812#3456", "invalid characters"],
    ["0812+3456789", "invalid characters"],
    ["+999 1234 5678", "invalid country code"],
    ["6.28123E+12", "number in scientific notation (digits lost: format the column as text)"],
  ])("rejects %j: %s", (raw, reason) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason });
  });

  it("tells mobile numbers from landlines", () => {
    expect(normalizePhone("0812-3456-7890")).toEqual({ ok: true, e164: "+6281234567890", isMobile: true });
    expect(normalizePhone("(021) 555-0123")).toEqual({ ok: true, e164: "+62215550123", isMobile: false });
  });
});

describe("phoneToJid", () => {
  it("strips the + and appends the WhatsApp user server", () => {
    expect(phoneToJid("+6281234567890")).toBe("6281234567890@s.whatsapp.net");
    expect(phoneToJid("+6591234567")).toBe("6591234567@s.whatsapp.net");
  });

  it.each(["6281234567890", "+62 812 3456 7890", "+0812345678", "+1234567890123456", ""])(
    "rejects %j",
    (value) => {
      expect(() => phoneToJid(value)).toThrow(TypeError);
    },
  );
});

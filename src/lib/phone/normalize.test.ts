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

/**
 * Numbers as people type them, one row each: every way of writing an Indonesian mobile number
 * (08…, 62…, +62 8…, 0062…) at each length the number plan allows (a national significant
 * number of 9 to 12 digits), one digit too few and one too many, landlines with their area
 * codes, foreign numbers, and the formatting people put in. Expected values follow Indonesia's
 * number plan as libphonenumber's full metadata has it.
 */
const AS_TYPED: [raw: string, expected: string][] = [
  // 9 to 12 digits after the country code: valid at every length, however it is written
  ["0812345678", "+62812345678"],
  ["62812345678", "+62812345678"],
  ["+62 812345678", "+62812345678"],
  ["0062812345678", "+62812345678"],
  ["08123456789", "+628123456789"],
  ["628123456789", "+628123456789"],
  ["+62 8123456789", "+628123456789"],
  ["00628123456789", "+628123456789"],
  ["081234567890", "+6281234567890"],
  ["6281234567890", "+6281234567890"],
  ["+62 81234567890", "+6281234567890"],
  ["006281234567890", "+6281234567890"],
  ["0812345678901", "+62812345678901"],
  ["62812345678901", "+62812345678901"],
  ["+62 812345678901", "+62812345678901"],
  ["0062812345678901", "+62812345678901"],
  // one digit too few (8) and one too many (13): refused, never read as a landline
  ["081234567", "rejected: invalid number for ID"],
  ["6281234567", "rejected: invalid number for ID"],
  ["+62 81234567", "rejected: invalid number for ID"],
  ["006281234567", "rejected: invalid number for ID"],
  ["08123456789012", "rejected: invalid number for ID"],
  ["628123456789012", "rejected: invalid number for ID"],
  ["+62 8123456789012", "rejected: invalid number for ID"],
  ["00628123456789012", "rejected: invalid number for ID"],
  // short numbers after 62 were stored as +62628… landlines
  ["6281377001", "rejected: invalid number for ID"],
  ["628137700", "rejected: invalid number for ID"],
  ["081377001", "rejected: invalid number for ID"],
  ["+6281377001", "rejected: invalid number for ID"],
  // landlines with their area codes: Jakarta, Bandung, Surabaya, Denpasar
  ["021-555-0123", "+62215550123"],
  ["(022) 7654321", "+62227654321"],
  ["031 5678901", "+62315678901"],
  ["0361 234567", "+62361234567"],
  ["+62 361 234567", "+62361234567"],
  ["021 5550", "rejected: invalid number for ID"],
  // foreign numbers keep their country
  ["+60 12-345 6789", "+60123456789"],
  ["+65 9123 4567", "+6591234567"],
  ["+1 (415) 555-2671", "+14155552671"],
  ["+1 415 555", "rejected: too short"],
  // spaces, dots, dashes, parentheses, full-width digits and dashes
  ["0812 3456 7890", "+6281234567890"],
  ["0812.3456.7890", "+6281234567890"],
  ["0812-3456-7890", "+6281234567890"],
  ["(0812) 3456-7890", "+6281234567890"],
  ["+62-812-3456-7890", "+6281234567890"],
  ["62 812 3456 7890", "+6281234567890"],
  ["00 62 812 3456 7890", "+6281234567890"],
  ["+62 (0)812 3456 7890", "+6281234567890"],
  ["０８１２３４５６７８９０", "+6281234567890"],
  ["０８１２－３４５６－７８９０", "+6281234567890"],
  ["0812\u22123456\u22127890", "+6281234567890"],
];

describe("normalizePhone, numbers as people type them", () => {
  it.each(AS_TYPED)("%j → %s", (raw, expected) => {
    expect(e164(raw)).toBe(expected);
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

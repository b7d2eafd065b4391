import { describe, expect, it } from "vitest";
import { formatPhone, normalisePhone } from "./phone";

describe("a phone number as an owner reads it", () => {
  it("groups an Indonesian mobile number like +62 812-3456-7890", () => {
    expect(formatPhone("+6281234567890")).toBe("+62 812-3456-7890");
    expect(formatPhone("+6285712345678")).toBe("+62 857-1234-5678");
    expect(formatPhone("+628123456789")).toBe("+62 812-3456-789");
  });

  it("writes a Jakarta landline and a foreign number in the international form", () => {
    expect(formatPhone("+62215551234")).toBe("+62 21 5551234");
    expect(formatPhone("+14155552671")).toBe("+1 415 555 2671");
  });

  it("leaves text that is not a phone number as it is", () => {
    expect(formatPhone("")).toBe("");
    expect(formatPhone("12345")).toBe("12345");
    expect(formatPhone("+62")).toBe("+62");
  });
});

describe("a phone number as typed at sign-up", () => {
  it("reads the Indonesian ways of writing a mobile number as +62…", () => {
    for (const typed of [
      "0812-3456-7890",
      "081234567890",
      "6281234567890",
      "+62 812 3456 7890",
      "812 3456 7890",
    ])
      expect(normalisePhone(typed)).toBe("+6281234567890");
  });

  it("keeps a foreign number and refuses what is not a number", () => {
    expect(normalisePhone("+1 415 555 2671")).toBe("+14155552671");
    expect(normalisePhone("12")).toBeNull();
    expect(normalisePhone("halo")).toBeNull();
  });
});

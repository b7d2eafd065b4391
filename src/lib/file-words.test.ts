import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FILE_WORDS, failureWords, fileWords, type FileLanguage } from "./file-words.js";
import { sheetDateText, wallClock, zoneLabel } from "./sheet-time.js";

/** One JSON file of the web app's catalogue. */
const web = (lang: FileLanguage, file: string) =>
  JSON.parse(readFileSync(new URL(`../../web/src/i18n/${lang}/${file}.json`, import.meta.url), "utf8"));

describe("file words", () => {
  it.each(["id", "en"] as const)("say what the web app says (%s)", (lang) => {
    const core = web(lang, "core");
    const contacts = web(lang, "contacts").contacts;
    const words = FILE_WORDS[lang];
    expect(words.recipientStatus).toEqual(core.recipientStatus);
    expect(words.failure).toEqual(core.failure);
    const orders = web(lang, "orders").orders;
    expect(words.orderStatus).toEqual(orders.status);
    expect(words.payment).toEqual(orders.payment);
    expect(words.contacts).toMatchObject({
      phone: contacts.phone,
      name: contacts.name,
      labels: contacts.labels,
      optedOut: contacts.optedOut,
      createdAt: contacts.added,
    });
  });

  it("fall back to Bahasa Indonesia, and to the stored reason for an unknown code", () => {
    expect(fileWords("fr")).toBe(FILE_WORDS.id);
    expect(failureWords(FILE_WORDS.id, "opted_out", "The contact opted out of messages")).toBe(
      "Pelanggan berhenti berlangganan",
    );
    expect(failureWords(FILE_WORDS.en, "131026", "Message undeliverable")).toBe("Message undeliverable");
    expect(failureWords(FILE_WORDS.en, null, null)).toBe("");
  });
});

describe("sheet times", () => {
  it("are the shop's wall clock, day first", () => {
    const wall = wallClock("2026-12-06T07:05:30.250Z", "Asia/Jakarta");
    expect(wall.toISOString()).toBe("2026-12-06T14:05:30.000Z");
    expect(sheetDateText(wall)).toBe("06/12/2026 14:05");
    expect(sheetDateText(wallClock(new Date("2026-12-31T20:00:00Z"), "Asia/Jayapura"))).toBe(
      "01/01/2027 05:00",
    );
    expect([zoneLabel("Asia/Jakarta"), zoneLabel("Asia/Makassar"), zoneLabel("Europe/Paris")]).toEqual([
      "WIB",
      "WITA",
      "Europe/Paris",
    ]);
  });
});

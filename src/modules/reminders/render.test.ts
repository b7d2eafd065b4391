import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_MESSAGE, listText, renderReminder } from "./render.js";

describe("reminder text", () => {
  it("lists products as a sentence", () => {
    expect(listText(["Kopi"])).toBe("Kopi");
    expect(listText(["Kopi", "Teh", "Gula"])).toBe("Kopi, Teh dan Gula");
  });

  it("fills items and suggestions, and drops the suggestions line when there is nothing to suggest", () => {
    const base = { name: "Rina", phone: "+6281200000001", items: ["Kopi Gayo", "Gula Aren"] };
    const withSuggestion = renderReminder(
      DEFAULT_REMINDER_MESSAGE,
      { ...base, suggestions: [{ name: "Teh {Melati|Hijau}", price: 25_000 }] },
      "s",
    );
    expect(withSuggestion).toContain("Halo Rina");
    expect(withSuggestion).toContain("Kopi Gayo dan Gula Aren yang Kakak beli");
    // A value goes in as it is: braces in a product name are not spintax.
    expect(withSuggestion).toContain("Mungkin Kakak juga suka: Teh {Melati|Hijau} (Rp25.000)");
    const without = renderReminder(DEFAULT_REMINDER_MESSAGE, { ...base, name: null, suggestions: [] }, "s");
    expect(without).toContain("Halo Kak");
    expect(without).not.toContain("juga suka");
  });
});

import { describe, expect, it } from "vitest";
import { looksLikeBot } from "./bot.js";

describe("looksLikeBot", () => {
  it("needs two auto-replies in a row answered within 2 s", () => {
    expect(looksLikeBot([])).toBe(false);
    expect(looksLikeBot([{ sentAt: 10_000, answeredAt: 10_500 }])).toBe(false);
    expect(
      looksLikeBot([
        { sentAt: 10_000, answeredAt: 10_500 },
        { sentAt: 5_000, answeredAt: 6_999 },
      ]),
    ).toBe(true);
    // A person who took their time once breaks the streak.
    expect(
      looksLikeBot([
        { sentAt: 10_000, answeredAt: 10_500 },
        { sentAt: 5_000, answeredAt: 7_000 },
      ]),
    ).toBe(false);
    expect(
      looksLikeBot([
        { sentAt: 10_000, answeredAt: null },
        { sentAt: 5_000, answeredAt: 5_100 },
      ]),
    ).toBe(false);
    // Only the latest two count.
    expect(
      looksLikeBot([
        { sentAt: 20_000, answeredAt: 20_100 },
        { sentAt: 10_000, answeredAt: 10_500 },
        { sentAt: 5_000, answeredAt: 60_000 },
      ]),
    ).toBe(true);
  });
});

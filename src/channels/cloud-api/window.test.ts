import { describe, expect, it } from "vitest";
import { isWindowOpen, SERVICE_WINDOW_MS } from "./window.js";

describe("the 24-hour customer-service window", () => {
  const now = Date.UTC(2025, 5, 1, 12, 0, 0);
  const hours = (h: number) => h * 60 * 60 * 1000;

  it("is open for 24 hours after the customer last wrote", () => {
    expect(isWindowOpen(now - hours(1), now)).toBe(true);
    expect(isWindowOpen(now - hours(23.99), now)).toBe(true);
    expect(isWindowOpen(now, now)).toBe(true);
  });

  it("is closed at exactly 24 hours and after", () => {
    expect(isWindowOpen(now - SERVICE_WINDOW_MS, now)).toBe(false);
    expect(isWindowOpen(now - hours(30), now)).toBe(false);
  });

  it("is closed when the customer never wrote", () => {
    expect(isWindowOpen(null, now)).toBe(false);
  });
});

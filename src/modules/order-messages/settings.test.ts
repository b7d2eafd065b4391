import { describe, expect, it } from "vitest";
import { effectiveSettings, eventOfChange } from "./settings.js";

const order = (status: string, paymentMethod = "transfer") => ({ status, paymentMethod });

describe("eventOfChange", () => {
  it("thanks for a new order or a placed draft, and asks a COD customer to confirm instead", () => {
    expect(eventOfChange({ kind: "created", from: null, order: order("new") })).toBe("created");
    expect(eventOfChange({ kind: "status", from: "draft", order: order("new") })).toBe("created");
    expect(eventOfChange({ kind: "created", from: null, order: order("new", "cod") })).toBe("cod_confirm");
    expect(eventOfChange({ kind: "created", from: null, order: order("draft") })).toBeNull();
  });

  it("sends the status messages of confirmed, paid, shipped and completed only", () => {
    for (const s of ["confirmed", "paid", "shipped", "completed"])
      expect(eventOfChange({ kind: "status", from: "new", order: order(s) })).toBe(s);
    for (const s of ["packed", "cancelled", "returned"])
      expect(eventOfChange({ kind: "status", from: "new", order: order(s) })).toBeNull();
  });
});

describe("effectiveSettings", () => {
  it("starts with the thank-you, shipped and COD messages on, 12 hours for COD", () => {
    const s = effectiveSettings(undefined);
    expect(
      Object.entries(s.events)
        .filter(([, e]) => e.enabled)
        .map(([k]) => k),
    ).toEqual(["created", "shipped", "cod_confirm", "cod_reminder"]);
    expect(s.codReminderHours).toBe(12);
    expect(s.events.cod_confirm.text).toContain("Balas YA untuk konfirmasi atau BATAL untuk membatalkan");
  });
});

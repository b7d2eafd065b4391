import { describe, expect, it } from "vitest";
import { statusAt } from "./state.js";

const end = new Date("2026-12-31T17:00:00Z"); // 1 Jan 2027 00:00 WIB
const at = (iso: string) => new Date(iso);

describe("statusAt", () => {
  it("keeps a trial until its end, then expires it (no grace for a trial)", () => {
    const trial = { status: "trialing" as const, periodEnd: end, graceUntil: null };
    expect(statusAt(trial, at("2026-12-31T16:59:59Z"), 3).status).toBe("trialing");
    expect(statusAt(trial, end, 3)).toEqual({ status: "expired", graceUntil: null });
  });

  it("moves an active subscription to past_due at the period's end and expired after the grace days", () => {
    const sub = { status: "active" as const, periodEnd: end, graceUntil: null };
    expect(statusAt(sub, at("2026-12-20T00:00:00Z"), 3).status).toBe("active");
    const due = statusAt(sub, end, 3);
    expect(due).toEqual({ status: "past_due", graceUntil: at("2027-01-03T17:00:00Z") });
    expect(
      statusAt({ ...sub, status: "past_due", graceUntil: due.graceUntil }, at("2027-01-03T16:59:59Z"), 3)
        .status,
    ).toBe("past_due");
    expect(
      statusAt({ ...sub, status: "past_due", graceUntil: due.graceUntil }, at("2027-01-03T17:00:00Z"), 3)
        .status,
    ).toBe("expired");
  });

  it("expires at once past the period with no grace days", () => {
    expect(statusAt({ status: "active", periodEnd: end, graceUntil: null }, end, 0).status).toBe("expired");
  });

  it("returns a paid-up subscription (period in the future) to active whatever it was", () => {
    const future = at("2027-02-01T00:00:00Z");
    for (const status of ["past_due", "expired", "active"] as const)
      expect(statusAt({ status, periodEnd: future, graceUntil: null }, end, 3).status).toBe("active");
  });

  it("never moves a suspended subscription by itself", () => {
    expect(
      statusAt({ status: "suspended", periodEnd: end, graceUntil: null }, at("2030-01-01T00:00:00Z"), 3)
        .status,
    ).toBe("suspended");
  });
});

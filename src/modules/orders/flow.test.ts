import { describe, expect, it } from "vitest";
import { canMove, nextStatuses } from "./flow.js";

describe("order flow", () => {
  it("moves forward, skipping steps a shop does not use, never back", () => {
    expect(canMove("new", "confirmed")).toBe(true);
    expect(canMove("new", "paid")).toBe(true);
    expect(canMove("confirmed", "packed")).toBe(true);
    expect(canMove("shipped", "completed")).toBe(true);
    expect(canMove("paid", "confirmed")).toBe(false);
    expect(canMove("shipped", "new")).toBe(false);
    expect(canMove("new", "new")).toBe(false);
  });
  it("cancels or returns from any open state, and final states stay final", () => {
    for (const s of ["new", "confirmed", "paid", "packed", "shipped"] as const) {
      expect(canMove(s, "cancelled")).toBe(true);
      expect(canMove(s, "returned")).toBe(true);
    }
    for (const s of ["completed", "cancelled", "returned"] as const) expect(nextStatuses(s)).toEqual([]);
  });
  it("places or cancels a draft, nothing else", () => {
    expect(nextStatuses("draft")).toEqual(["new", "cancelled"]);
    expect(canMove("draft", "paid")).toBe(false);
  });
  it("lists the next statuses in flow order", () => {
    expect(nextStatuses("paid")).toEqual(["packed", "shipped", "completed", "cancelled", "returned"]);
  });
});

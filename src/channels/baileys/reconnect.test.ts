import { describe, expect, it } from "vitest";
import {
  DEFAULT_BACKOFF,
  REPLACED_WINDOW_MS,
  ReplacedWindow,
  backoffDelay,
  closeAction,
  reasonOf,
  statusCodeOf,
} from "./reconnect.js";
import { boom } from "./testing.js";

describe("closeAction (the reconnect policy by DisconnectReason)", () => {
  it("515 restart required: reconnect at once", () => {
    expect(closeAction(515, 0)).toEqual({ type: "restart", reason: "restart_required" });
  });

  it.each([
    [408, "connection_lost"],
    [428, "connection_closed"],
    [500, "bad_session"],
    [503, "service_unavailable"],
    [undefined, "connection_error"],
    [599, "connection_error"],
  ])("%s: back off (%s)", (code, reason) => {
    expect(closeAction(code, 0)).toEqual({ type: "backoff", reason });
  });

  it("401 logged out: stop as logged_out and wipe the credentials", () => {
    expect(closeAction(401, 0)).toEqual({
      type: "stop",
      status: "logged_out",
      reason: "logged_out",
      wipe: true,
    });
  });

  it("403 forbidden: stop as blocked, keeping the credentials", () => {
    expect(closeAction(403, 0)).toEqual({ type: "stop", status: "blocked", reason: "banned", wipe: false });
  });

  it("440 replaced: back off twice, stop as replaced the third time", () => {
    expect(closeAction(440, 1).type).toBe("backoff");
    expect(closeAction(440, 2).type).toBe("backoff");
    expect(closeAction(440, 3)).toEqual({
      type: "stop",
      status: "replaced",
      reason: "connection_replaced",
      wipe: false,
    });
  });

  it("reads the code of a Boom, and none of a plain error", () => {
    expect(statusCodeOf(boom("Connection Failure", 403))).toBe(403);
    expect(statusCodeOf(new Error("getaddrinfo ENOTFOUND"))).toBeUndefined();
    expect(statusCodeOf(undefined)).toBeUndefined();
    expect(reasonOf(411)).toBe("multidevice_mismatch");
  });
});

describe("backoffDelay", () => {
  it("doubles from 1 s, between half and all of the step (equal jitter)", () => {
    const steps = [1_000, 2_000, 4_000, 8_000, 16_000];
    steps.forEach((d, attempt) => {
      expect(backoffDelay(attempt, () => 0)).toBe(d / 2);
      expect(backoffDelay(attempt, () => 0.999999)).toBe(d);
      expect(backoffDelay(attempt, () => 0.5)).toBe(d * 0.75);
    });
  });

  it("never waits more than 5 minutes, however many attempts", () => {
    for (const attempt of [9, 10, 20, 1_000]) {
      expect(backoffDelay(attempt, () => 0.999999)).toBe(DEFAULT_BACKOFF.maxMs);
      expect(backoffDelay(attempt, () => 0)).toBe(DEFAULT_BACKOFF.maxMs / 2);
    }
  });

  it("stays within the bounds for random draws", () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const step = Math.min(DEFAULT_BACKOFF.maxMs, 1_000 * 2 ** attempt);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt, Math.random);
        expect(d).toBeGreaterThanOrEqual(step / 2);
        expect(d).toBeLessThanOrEqual(step);
      }
    }
  });
});

describe("ReplacedWindow", () => {
  it("counts the 440s of the last 10 minutes", () => {
    const w = new ReplacedWindow();
    expect(w.record(0)).toBe(1);
    expect(w.record(60_000)).toBe(2);
    expect(w.record(REPLACED_WINDOW_MS + 1)).toBe(2); // the first one fell out
    expect(w.record(REPLACED_WINDOW_MS + 2)).toBe(3);
    w.clear();
    expect(w.record(REPLACED_WINDOW_MS + 3)).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import type { CampaignCounts } from "../modules/campaigns/index.js";
import { describeWatchEvent, explainReason, WatchTracker, type CampaignSnapshot } from "./watch.js";

const counts = (pending: number, delivered = 0): CampaignCounts => ({
  total: pending + delivered,
  pending,
  sending: 0,
  sent: 0,
  delivered,
  read: 0,
  failed: 0,
  skipped: 0,
  unknown: 0,
  suspected_drop: 0,
  replied: 0,
  held: { cap_warning: 0, capped: 0, timelock: 0, reachout_refused: 0 },
  warm: 0,
});
const snap = (status: string, c: CampaignCounts, statusReason: string | null = null): CampaignSnapshot => ({
  status,
  statusReason,
  counts: c,
});

describe("WatchTracker", () => {
  it("says nothing while a running campaign moves", () => {
    const t = new WatchTracker(30_000);
    expect(t.observe(snap("running", counts(10)), 0)).toEqual([]);
    expect(t.observe(snap("running", counts(9, 1)), 20_000)).toEqual([]);
    expect(t.observe(snap("running", counts(8, 2)), 45_000)).toEqual([]);
  });

  it("reports a stall once after 30 s without change, then when it moves again", () => {
    const t = new WatchTracker(30_000);
    t.observe(snap("running", counts(10)), 0);
    expect(t.observe(snap("running", counts(10)), 29_000)).toEqual([]);
    expect(t.observe(snap("running", counts(10)), 30_000)).toEqual([{ kind: "stalled", seconds: 30 }]);
    expect(t.observe(snap("running", counts(10)), 60_000)).toEqual([]);
    expect(t.observe(snap("running", counts(9, 1)), 61_000)).toEqual([{ kind: "moving" }]);
  });

  it("reports a pause once with its reason, then the resume", () => {
    const t = new WatchTracker();
    t.observe(snap("running", counts(10)), 0);
    expect(t.observe(snap("paused", counts(10), "channel_blocked"), 1000)).toEqual([
      { kind: "paused", reason: "channel_blocked" },
    ]);
    expect(t.observe(snap("paused", counts(10), "channel_blocked"), 60_000)).toEqual([]);
    expect(t.observe(snap("running", counts(10)), 61_000)).toEqual([{ kind: "resumed" }]);
  });

  it("does not call a paused campaign stalled", () => {
    const t = new WatchTracker(30_000);
    t.observe(snap("paused", counts(10)), 0);
    expect(t.observe(snap("paused", counts(10)), 120_000)).toEqual([]);
  });

  it("starts the stall clock when a paused campaign resumes", () => {
    const t = new WatchTracker(30_000);
    t.observe(snap("paused", counts(10)), 0);
    t.observe(snap("running", counts(10)), 100_000);
    expect(t.observe(snap("running", counts(10)), 110_000)).toEqual([]);
    expect(t.observe(snap("running", counts(10)), 130_000)).toEqual([{ kind: "stalled", seconds: 30 }]);
  });

  it("tells once that a draft or scheduled campaign is waiting", () => {
    const t = new WatchTracker();
    expect(t.observe(snap("draft", counts(0)), 0)).toEqual([{ kind: "waiting", status: "draft" }]);
    expect(t.observe(snap("draft", counts(0)), 1000)).toEqual([]);
    expect(t.observe(snap("scheduled", counts(0)), 2000)).toEqual([{ kind: "waiting", status: "scheduled" }]);
  });

  it("finishes with exit 0 when completed or cancelled and 1 when failed", () => {
    expect(new WatchTracker().observe(snap("completed", counts(0, 10)), 0)).toEqual([
      { kind: "finished", status: "completed", reason: null, exitCode: 0 },
    ]);
    expect(new WatchTracker().observe(snap("cancelled", counts(0)), 0)[0]).toMatchObject({ exitCode: 0 });
    expect(new WatchTracker().observe(snap("failed", counts(0), "all_failed"), 0)[0]).toMatchObject({
      kind: "finished",
      exitCode: 1,
      reason: "all_failed",
    });
  });
});

describe("watch messages", () => {
  const id = "c1";
  it("explains known reasons and passes others through", () => {
    expect(explainReason("channel_blocked")).toMatch(/^channel_blocked: .*blocked/);
    expect(explainReason("something_new")).toBe("something_new");
    expect(explainReason(null)).toBe("no reason recorded");
  });

  it("gives the resume command for a pause", () => {
    expect(describeWatchEvent({ kind: "paused", reason: "channel_blocked" }, id, "npx kabar")).toMatch(
      /paused \(channel_blocked: .*\)\. Resume with: npx kabar campaign resume c1$/,
    );
    expect(describeWatchEvent({ kind: "paused", reason: null }, id, "npx kabar")).toBe(
      "Campaign paused. Resume with: npx kabar campaign resume c1",
    );
  });

  it("asks whether the server runs when stalled, firmly when none listens", () => {
    expect(describeWatchEvent({ kind: "stalled", seconds: 30 }, id, "npx kabar", null)).toMatch(
      /Nothing has moved for 30 s\. Is the Kabar server running \(`npm start`\)\?/,
    );
    expect(describeWatchEvent({ kind: "stalled", seconds: 30 }, id, "npx kabar", false)).toMatch(
      /no Kabar server is listening/,
    );
  });

  it("names the final status with its reason", () => {
    expect(
      describeWatchEvent({ kind: "finished", status: "failed", reason: "all_failed", exitCode: 1 }, id, "x"),
    ).toBe("Campaign failed (all_failed: every send failed).");
  });
});

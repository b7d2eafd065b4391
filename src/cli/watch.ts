import type { CampaignCounts } from "../modules/campaigns/index.js";
import { COUNT_KEYS } from "./format.js";

/** What `campaign status --watch` samples every second. */
export interface CampaignSnapshot {
  status: string;
  statusReason: string | null;
  counts: CampaignCounts;
}

/** Something worth telling the operator while watching. */
type WatchEvent =
  | { kind: "finished"; status: string; reason: string | null; exitCode: 0 | 1 }
  | { kind: "paused"; reason: string | null }
  | { kind: "waiting"; status: string }
  | { kind: "resumed" }
  | { kind: "stalled"; seconds: number }
  | { kind: "moving" };

const FINISHED = new Set(["completed", "cancelled", "failed"]);

/**
 * Follows a campaign's snapshots and says when something is worth telling: it finished
 * (exit 1 when failed), it was paused (with the reason, once per pause), it is still a
 * draft or scheduled, it resumed, or it is running but no count has changed for
 * `stallMs` (once, until things move again). Pure: the caller supplies the clock.
 */
export class WatchTracker {
  private lastKey: string | null = null;
  private lastCounts = "";
  private lastChange = 0;
  private stallNoticed = false;

  constructor(private readonly stallMs = 30_000) {}

  /** Feeds one snapshot taken at `now` (ms); returns the events it causes, in order. */
  observe(s: CampaignSnapshot, now: number): WatchEvent[] {
    const events: WatchEvent[] = [];
    const key = `${s.status}:${s.statusReason ?? ""}`;
    const counts = COUNT_KEYS.map((k) => s.counts[k]).join(",");
    const statusChanged = key !== this.lastKey;
    const moved = counts !== this.lastCounts;
    if (FINISHED.has(s.status)) {
      return [
        {
          kind: "finished",
          status: s.status,
          reason: s.statusReason,
          exitCode: s.status === "failed" ? 1 : 0,
        },
      ];
    }
    if (statusChanged) {
      if (s.status === "paused") events.push({ kind: "paused", reason: s.statusReason });
      else if (s.status === "running" && this.lastKey !== null) events.push({ kind: "resumed" });
      else if (s.status !== "running") events.push({ kind: "waiting", status: s.status });
    }
    if (moved && this.stallNoticed && !statusChanged) events.push({ kind: "moving" });
    if (moved || statusChanged || this.lastKey === null) {
      this.lastChange = now;
      this.stallNoticed = false;
    }
    this.lastKey = key;
    this.lastCounts = counts;
    if (s.status === "running" && !this.stallNoticed && now - this.lastChange >= this.stallMs) {
      this.stallNoticed = true;
      events.push({ kind: "stalled", seconds: Math.round((now - this.lastChange) / 1000) });
    }
    return events;
  }
}

/** Known reasons a campaign is paused or failed, explained for the operator. */
const REASONS: Record<string, string> = {
  channel_blocked: "WhatsApp blocked the number; check the phone before resuming",
  channel_logged_out: "the WhatsApp number was logged out; link it again, then resume",
  too_many_failures: "too many sends failed in a row; check the channel, then resume",
  all_failed: "every send failed",
};

/** "channel_blocked: the WhatsApp number was blocked …", or just the code when unknown. */
export function explainReason(reason: string | null): string {
  if (!reason) return "no reason recorded";
  const text = REASONS[reason];
  return text ? `${reason}: ${text}` : reason;
}

/**
 * The sentence to print for a watch event. `prefix` is how to invoke the CLI, for
 * commands in hints; `senderListening` says whether a Kabar server that sends campaigns
 * is connected to the database (null when unknown).
 */
export function describeWatchEvent(
  e: WatchEvent,
  id: string,
  prefix: string,
  senderListening: boolean | null = null,
): string {
  switch (e.kind) {
    case "finished":
      return `Campaign ${e.status}${e.reason ? ` (${explainReason(e.reason)})` : ""}.`;
    case "paused":
      return `Campaign paused${e.reason ? ` (${explainReason(e.reason)})` : ""}. Resume with: ${prefix} campaign resume ${id}`;
    case "waiting":
      return e.status === "draft"
        ? `Campaign is a draft: nothing is sent until it starts (${prefix} campaign start ${id}).`
        : `Campaign is ${e.status}; waiting for it to start.`;
    case "resumed":
      return "Campaign is running.";
    case "moving":
      return "Sending again.";
    case "stalled":
      return senderListening === false
        ? `Nothing has moved for ${e.seconds} s and no Kabar server is listening for campaigns: start it with \`npm start\`.`
        : `Nothing has moved for ${e.seconds} s. Is the Kabar server running (\`npm start\`)? Pacing delays and quiet hours can also hold sends back.`;
  }
}

/**
 * "This number can reach about N new customers today" (issue 15, part 1): pure and
 * deterministic, shown on the numbers page and where the composer picks the number.
 */
import type { ChannelStatus, Restrictions } from "../../channels/transport.js";
import { activeTimelock, currentCap, type HealthChannelKind } from "./score.js";

/**
 * What limits the number today:
 * - `cloud_api`: no new-chat cap from WhatsApp Web; Meta's messaging limit applies (`newChats` null);
 * - `blocked` / `logged_out`: the number cannot send (0);
 * - `timelock` / `capped` / `second_warning`: WhatsApp stops its new chats (0; `until` when known);
 * - `new_chat_cap`: what is left of the cycle's cap (`total − used`);
 * - `daily_cap`: what is left of pacing's daily cap (warm-up included) in the last 24 h;
 * - `none`: neither is known or set (`newChats` null).
 */
export type ReachLimit =
  | "cloud_api"
  | "blocked"
  | "logged_out"
  | "timelock"
  | "capped"
  | "second_warning"
  | "new_chat_cap"
  | "daily_cap"
  | "none";

/** About how many new customers the number can reach today; `newChats` null = no known limit. */
export interface Reach {
  newChats: number | null;
  limitedBy: ReachLimit;
  /** Epoch ms the limit ends, when known (a timelock's end, a cap cycle's end). */
  until?: number;
}

/**
 * The inputs: the channel's kind, status and restrictions, pacing's daily cap today
 * (`dailyCap`, `src/channels/pacing.ts`, 0 = none) and the messages it sent in the last
 * 24 h (`sentLastDay`, the window pacing's daily cap counts in), at `now` (epoch ms).
 */
export interface ReachInput {
  kind: HealthChannelKind;
  status: ChannelStatus;
  restrictions: Restrictions | null;
  dailyCap: number;
  sentLastDay: number;
  now: number;
}

/**
 * WhatsApp Web and sandbox numbers: `min(cap remaining, pacing's daily cap remaining)`,
 * each only when known or set; 0 when the number is banned, logged out, under a timelock,
 * CAPPED or at SECOND_WARNING (the governor holds cold sends back then). FIRST_WARNING
 * does not lower the count (cold sends go at half rate, but still go). Cloud API numbers
 * have no new-chat cap: `newChats` null, `limitedBy` `cloud_api`.
 */
export function reachToday(i: ReachInput): Reach {
  if (i.kind === "cloud_api") return { newChats: null, limitedBy: "cloud_api" };
  if (i.status === "blocked") return { newChats: 0, limitedBy: "blocked" };
  if (i.status === "logged_out") return { newChats: 0, limitedBy: "logged_out" };
  const lock = activeTimelock(i.restrictions, i.now);
  if (lock) return { newChats: 0, limitedBy: "timelock", ...until(lock.endsAt) };
  const cap = currentCap(i.restrictions, i.now);
  if (cap?.state === "CAPPED") return { newChats: 0, limitedBy: "capped", ...until(cap.cycleEnd) };
  if (cap?.state === "SECOND_WARNING")
    return { newChats: 0, limitedBy: "second_warning", ...until(cap.cycleEnd) };
  const capLeft =
    cap && cap.total !== undefined && cap.used !== undefined ? Math.max(0, cap.total - cap.used) : undefined;
  const pacingLeft = i.dailyCap > 0 ? Math.max(0, i.dailyCap - i.sentLastDay) : undefined;
  if (capLeft !== undefined && (pacingLeft === undefined || capLeft <= pacingLeft))
    return { newChats: capLeft, limitedBy: "new_chat_cap", ...until(cap?.cycleEnd) };
  if (pacingLeft !== undefined) return { newChats: pacingLeft, limitedBy: "daily_cap" };
  return { newChats: null, limitedBy: "none" };
}

function until(at: number | undefined): { until?: number } {
  return at === undefined ? {} : { until: at };
}

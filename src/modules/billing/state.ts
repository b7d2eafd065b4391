import type { SubscriptionStatus } from "./queries/subscriptions.js";

/**
 * The subscription state machine (issue 14; docs/billing.md draws it). Pure: the clock is an
 * argument, so tests move it (a fake clock) and the sweep job passes `new Date()`.
 *
 * ```
 * trialing ──paid──▶ active ──period ends──▶ past_due ──grace ends──▶ expired
 *    │                 ▲  ▲                      │                       │
 *    └──trial ends──▶ expired ──paid─────────────┴──────paid─────────────┘
 * any ──suspend──▶ suspended ──resume──▶ the status it had, re-evaluated at now
 * ```
 */

/** What the state machine reads of a subscription. */
interface SubscriptionClock {
  status: SubscriptionStatus;
  /** End of the paid period or of the trial (exclusive). */
  periodEnd: Date;
  /** Set once past due: sending allowed until then. */
  graceUntil: Date | null;
}

/**
 * The status a subscription should have at `now`, with its grace deadline; `suspended` never
 * changes by itself. Grace: `graceDays` × 24 h after the period's end.
 */
export function statusAt(
  sub: SubscriptionClock,
  now: Date,
  graceDays: number,
): { status: SubscriptionStatus; graceUntil: Date | null } {
  const t = now.getTime();
  if (sub.status === "suspended") return { status: "suspended", graceUntil: sub.graceUntil };
  if (t < sub.periodEnd.getTime()) {
    // Within the period: a trial stays a trial, a paid period is active.
    return { status: sub.status === "trialing" ? "trialing" : "active", graceUntil: null };
  }
  if (sub.status === "trialing") return { status: "expired", graceUntil: null };
  if (sub.status === "expired") return { status: "expired", graceUntil: sub.graceUntil };
  const graceUntil = sub.graceUntil ?? new Date(sub.periodEnd.getTime() + graceDays * 86_400_000);
  return t < graceUntil.getTime() ? { status: "past_due", graceUntil } : { status: "expired", graceUntil };
}

/**
 * The governor (issue 15, "Number safety for WhatsApp as it is in 2026"): what WhatsApp's
 * new-chat cap, a reach-out timelock and error 463 allow a WhatsApp Web number's campaigns
 * to send to cold recipients (contacts with no chat yet, campaign_recipients.warm = false).
 * Warm recipients are never held back. Cloud API numbers are not governed (their transport
 * has no `restrictions()`).
 */
import type { Restrictions } from "../../channels/transport.js";
import type { HeldReason } from "./queries/governor.js";

/** How often restrictions are read again when no end is known, ms (5 minutes). */
export const REREAD_MS = 5 * 60_000;

/**
 * What cold sends may do now: `open` (as pacing allows), `half` (FIRST_WARNING: twice the
 * pacing gap between cold sends), or `held` for `reason` until `until` (epoch ms; null
 * when WhatsApp did not say: re-read every {@link REREAD_MS}).
 */
export type ColdMode =
  | { kind: "open" }
  | { kind: "half"; until: number | null }
  | { kind: "held"; reason: HeldReason; until: number | null };

/**
 * The cold mode `r` asks for at `now` (epoch ms). An active timelock (not past its
 * `endsAt`) holds; a cap cycle past its `cycleEnd` counts as NONE; CAPPED or `used >= total`
 * holds (`capped`), SECOND_WARNING holds (`cap_warning`), FIRST_WARNING halves the rate.
 */
export function coldModeOf(r: Restrictions | null, now: number): ColdMode {
  const lock = r?.timelock;
  if (lock?.active && (lock.endsAt === undefined || lock.endsAt > now))
    return { kind: "held", reason: "timelock", until: lock.endsAt ?? null };
  const cap = r?.cap;
  if (!cap || (cap.cycleEnd !== undefined && cap.cycleEnd <= now)) return { kind: "open" };
  const until = cap.cycleEnd ?? null;
  const usedUp = cap.total !== undefined && cap.used !== undefined && cap.used >= cap.total;
  if (cap.state === "CAPPED" || usedUp) return { kind: "held", reason: "capped", until };
  if (cap.state === "SECOND_WARNING") return { kind: "held", reason: "cap_warning", until };
  if (cap.state === "FIRST_WARNING") return { kind: "half", until };
  return { kind: "open" };
}

/** True when `a` and `b` tell the same (kind, reason and end). */
export function sameMode(a: ColdMode, b: ColdMode): boolean {
  return (
    a.kind === b.kind &&
    (a.kind === "open" || a.until === (b as typeof a).until) &&
    (a.kind !== "held" || a.reason === (b as typeof a).reason)
  );
}

/**
 * One number's governor state: the restrictions last read (or pushed) and a 463 refusal.
 * A refusal holds cold sends (`reachout_refused`) until the lock's known end or, with none,
 * until the next read ({@link REREAD_MS} later) says the number may reach out again.
 */
export class Governor {
  private restrictions: Restrictions | null = null;
  private readAt: number | null = null;
  private refusedUntil: number | null = null;

  /** True when restrictions must be read now: never read, {@link REREAD_MS} passed, or a known end passed. */
  due(now: number): boolean {
    if (this.readAt === null || now - this.readAt >= REREAD_MS) return true;
    // What the last read said, and whether its end has come (the new cycle is read then).
    const m = coldModeOf(this.restrictions, this.readAt);
    return m.kind !== "open" && m.until !== null && m.until <= now;
  }

  /** Takes the restrictions WhatsApp gave (read or pushed) at `now`; a clear read ends a 463 hold. */
  update(r: Restrictions, now: number): void {
    this.restrictions = r;
    this.readAt = now;
    if (this.refusedUntil !== null && (this.refusedUntil <= now || coldModeOf(r, now).kind !== "held"))
      this.refusedUntil = null;
  }

  /** Reading failed at `now` (not connected): keep what is known, read again {@link REREAD_MS} later. */
  readFailed(now: number): void {
    this.readAt = now;
  }

  /** WhatsApp refused a send to a new chat (error 463) at `now`: hold cold sends until the next read. */
  refuse(now: number): void {
    const lock = this.restrictions?.timelock;
    this.refusedUntil = lock?.active && lock.endsAt && lock.endsAt > now ? lock.endsAt : now + REREAD_MS;
    this.readAt = now;
  }

  /** What cold sends may do at `now`. */
  mode(now: number): ColdMode {
    const m = coldModeOf(this.restrictions, now);
    if (m.kind === "held" || this.refusedUntil === null || this.refusedUntil <= now) return m;
    const lock = this.restrictions?.timelock;
    const known = lock?.active && lock.endsAt === this.refusedUntil;
    return { kind: "held", reason: "reachout_refused", until: known ? this.refusedUntil : null };
  }

  /** When the mode may change by itself (a known end, or the next read), epoch ms; null when open and read. */
  nextCheckAt(now: number): number | null {
    const m = this.mode(now);
    if (m.kind === "open") return null;
    const reread = (this.readAt ?? now) + REREAD_MS;
    return m.until === null ? reread : Math.min(m.until, reread);
  }
}

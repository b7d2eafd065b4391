/**
 * What a Baileys channel does when its socket closes, by `DisconnectReason` (the Boom
 * status code of `lastDisconnect.error`), and how long it waits before trying again.
 */
import { DisconnectReason } from "baileys";
import type { ChannelStatus } from "../transport.js";

/** The decision after a close. `reason` is a stable code for the channel's `lastError`. */
type CloseAction =
  /** Open a new socket at once (515: WhatsApp asks for it, e.g. right after pairing). */
  | { type: "restart"; reason: string }
  /** Wait {@link backoffDelay} and open a new socket; status `connecting` meanwhile. */
  | { type: "backoff"; reason: string }
  /** Do not reconnect; `wipe` deletes the credentials (the device was unlinked). */
  | {
      type: "stop";
      status: Extract<ChannelStatus, "logged_out" | "blocked" | "replaced">;
      reason: string;
      wipe: boolean;
    };

/** Backoff bounds, ms. */
export interface BackoffOptions {
  /** The first delay (default 1 s). */
  baseMs: number;
  /** The largest delay (default 5 min). */
  maxMs: number;
}

/** 1 s doubling up to 5 min (the policy). */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** 440 (another WhatsApp Web session took over) this many times within the window → `replaced`. */
const REPLACED_LIMIT = 3;
/** The window for {@link REPLACED_LIMIT}, ms (10 min). */
export const REPLACED_WINDOW_MS = 10 * 60_000;

const REASONS: Record<number, string> = {
  [DisconnectReason.restartRequired]: "restart_required",
  [DisconnectReason.connectionLost]: "connection_lost", // 408, also timedOut
  [DisconnectReason.connectionClosed]: "connection_closed", // 428
  [DisconnectReason.badSession]: "bad_session", // 500
  [DisconnectReason.unavailableService]: "service_unavailable", // 503
  [DisconnectReason.connectionReplaced]: "connection_replaced", // 440
  [DisconnectReason.loggedOut]: "logged_out", // 401
  [DisconnectReason.forbidden]: "banned", // 403
  [DisconnectReason.multideviceMismatch]: "multidevice_mismatch", // 411
};

/** The stable reason code of a close status code (`connection_error` when unknown). */
export function reasonOf(code: number | undefined): string {
  return (code !== undefined && REASONS[code]) || "connection_error";
}

/**
 * The status code of a socket error: Baileys closes with a Boom whose
 * `output.statusCode` is the DisconnectReason; anything else has none.
 */
export function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === "number" ? code : undefined;
}

/**
 * The reconnect policy (DESIGN.md §4):
 * - 515 restart required → reconnect at once;
 * - 401 logged out → wipe credentials, `logged_out`, never reconnect by itself;
 * - 403 forbidden → `blocked` (the manager pauses the channel's campaigns);
 * - 440 connection replaced → back off, and `replaced` after {@link REPLACED_LIMIT} within
 *   {@link REPLACED_WINDOW_MS} (`replacedRecently` counts this one);
 * - 408 / 428 / 500 / 503 and anything else (a network error has no code) → back off.
 */
export function closeAction(code: number | undefined, replacedRecently: number): CloseAction {
  const reason = reasonOf(code);
  switch (code) {
    case DisconnectReason.restartRequired:
      return { type: "restart", reason };
    case DisconnectReason.loggedOut:
      return { type: "stop", status: "logged_out", reason, wipe: true };
    case DisconnectReason.forbidden:
      return { type: "stop", status: "blocked", reason, wipe: false };
    case DisconnectReason.connectionReplaced:
      if (replacedRecently >= REPLACED_LIMIT)
        return { type: "stop", status: "replaced", reason, wipe: false };
      return { type: "backoff", reason };
    default:
      return { type: "backoff", reason };
  }
}

/**
 * The wait before reconnect attempt `attempt` (0 for the first), ms: exponential from
 * `baseMs`, capped at `maxMs`, with "equal jitter" (AWS Architecture Blog, "Exponential
 * Backoff And Jitter"): uniformly between half and all of it, so channels dropped together
 * do not reconnect together. Bounds: [d/2, d] with d = min(maxMs, baseMs · 2^attempt).
 * @param rand uniform in [0, 1)
 */
export function backoffDelay(
  attempt: number,
  rand: () => number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (0.5 + 0.5 * rand()));
}

/** Times of recent 440 closes, to tell a flapping session from one that keeps being taken over. */
export class ReplacedWindow {
  private times: number[] = [];

  /** Records a 440 at `now` (epoch ms); returns how many fell within the window, this one included. */
  record(now: number): number {
    this.times = [...this.times.filter((t) => now - t < REPLACED_WINDOW_MS), now];
    return this.times.length;
  }

  /** Forgets them (the owner connected again on purpose). */
  clear(): void {
    this.times = [];
  }
}

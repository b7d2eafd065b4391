/**
 * A WhatsApp Web number's restrictions as Baileys 7.0.0-rc14 reports them, in Kabar's
 * terms (transport.ts `Restrictions`): the new-chat cap (`sock.fetchNewChatMessageCap()`,
 * pushed as `message-capping.update`; timestamps are strings of epoch seconds) and the
 * reach-out timelock (`sock.fetchAccountReachoutTimelock()`, pushed in `connection.update`
 * as `reachoutTimeLock`; its end is a Date). Types: node_modules/baileys/lib/Types/State.d.ts.
 */
import type { NewChatMessageCapInfo, ReachoutTimelockState } from "baileys";
import {
  NEW_CHAT_CAP_STATES,
  type NewChatCap,
  type NewChatCapState,
  type ReachoutTimelock,
} from "../transport.js";

/** Baileys' enforcement type meaning "no restriction". */
const NO_ENFORCEMENT = "DEFAULT";

/** Epoch ms of a string (or number) of epoch seconds; undefined when absent, zero or not a number. */
function secondsToMs(value: unknown): number | undefined {
  const seconds = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : undefined;
}

/**
 * The cap Baileys reported: `capping_status` (NONE when absent or unknown), `total_quota`,
 * `used_quota`, and the cycle's bounds from `cycle_start_timestamp` / `cycle_end_timestamp`.
 */
export function capOf(info: NewChatMessageCapInfo | null | undefined): NewChatCap {
  const status = info?.capping_status as string | undefined;
  const state: NewChatCapState = NEW_CHAT_CAP_STATES.find((s) => s === status) ?? "NONE";
  const cycleStart = secondsToMs(info?.cycle_start_timestamp);
  const cycleEnd = secondsToMs(info?.cycle_end_timestamp);
  return {
    state,
    ...(typeof info?.total_quota === "number" && { total: info.total_quota }),
    ...(typeof info?.used_quota === "number" && { used: info.used_quota }),
    ...(cycleStart !== undefined && { cycleStart }),
    ...(cycleEnd !== undefined && { cycleEnd }),
  };
}

/**
 * The timelock Baileys reported: `isActive`, its end (`timeEnforcementEnds`, a Date; a
 * string of seconds is read too) and `enforcementType` (left out when DEFAULT: none).
 */
export function timelockOf(state: ReachoutTimelockState | null | undefined): ReachoutTimelock {
  const ends = state?.timeEnforcementEnds as unknown;
  const endsAt = ends instanceof Date ? ends.getTime() : secondsToMs(ends);
  const type = state?.enforcementType as string | undefined;
  return {
    active: state?.isActive === true,
    ...(endsAt !== undefined && Number.isFinite(endsAt) && { endsAt }),
    ...(type && type !== NO_ENFORCEMENT && { type }),
  };
}

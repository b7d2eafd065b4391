import type { Db } from "../../db/client.js";
import { currentLease } from "../../channels/leases.js";
import { PACING_PRESETS, dailyCap, pacingPolicySchema } from "../../channels/pacing.js";
import type { ChannelStatus, Restrictions } from "../../channels/transport.js";
import type { Actor } from "../../lib/actor.js";
import { channelErrors } from "../channels/index.js";
import { type HealthRow, healthRows, sentCounts, tenantChannel } from "./queries.js";
import { type Reach, reachToday } from "./reach.js";
import type { ChannelHealthDto, ChannelHealthSummaryDto } from "./schemas.js";
import { type HealthScore, activeTimelock, currentCap, healthScore } from "./score.js";

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The score and the reach of one channel's signals at `now` (epoch ms). */
function assess(
  row: HealthRow,
  now: number,
): { health: HealthScore; reach: Reach; perHour: number; perDay: number } {
  const parsed = pacingPolicySchema.safeParse(row.pacing);
  const policy = parsed.success ? parsed.data : PACING_PRESETS.safe;
  const perDay = dailyCap(policy, row.createdAt.getTime(), now);
  const status = row.status as ChannelStatus;
  const health = healthScore({
    kind: row.kind,
    status,
    restrictions: row.restrictions,
    createdAt: row.createdAt.getTime(),
    sends: { sent: row.sent7d, failed: row.failed7d },
    optOuts: { messaged: row.messaged30d, optedOut: row.optedOut30d },
    now,
  });
  const reach = reachToday({
    kind: row.kind,
    status,
    restrictions: row.restrictions,
    dailyCap: perDay,
    sentLastDay: row.sentLastDay,
    now,
  });
  return { health, reach, perHour: policy.perHour, perDay };
}

/** Epoch ms → ISO 8601 in the score's parts and the reach, as the API answers them. */
function scoreDto(h: HealthScore): ChannelHealthDto["health"] {
  return {
    ...h,
    parts: h.parts.map(({ until, ...p }) => ({ ...p, ...(until ? { until: iso(until) } : {}) })),
  };
}
function reachDto({ until, ...r }: Reach): ChannelHealthDto["reach"] {
  return { ...r, ...(until ? { until: iso(until) } : {}) };
}

/** The restrictions in force at `now` (ended cycles and locks dropped), ISO times. */
function restrictionsDto(r: Restrictions | null, now: number): ChannelHealthDto["restrictions"] {
  if (!r) return null;
  const cap = currentCap(r, now);
  const lock = activeTimelock(r, now);
  return {
    cap: cap
      ? {
          state: cap.state,
          ...(cap.total !== undefined ? { total: cap.total } : {}),
          ...(cap.used !== undefined ? { used: cap.used } : {}),
          ...(cap.cycleEnd !== undefined ? { cycleEnd: iso(cap.cycleEnd) } : {}),
        }
      : null,
    timelock: lock
      ? {
          ...(lock.endsAt !== undefined ? { endsAt: iso(lock.endsAt) } : {}),
          ...(lock.type ? { type: lock.type } : {}),
        }
      : null,
    at: new Date(r.at).toISOString(),
  };
}

/**
 * The health scores (0–100) of the tenant's numbers at `now` (epoch ms), for a campaign's
 * split, in one statement (healthRows). @returns channel id → its score
 */
export async function splitHealth(db: Db, tenantId: string, now: number): Promise<Map<string, number>> {
  const rows = await healthRows(db, tenantId, new Date(now));
  return new Map(rows.map((row) => [row.id, assess(row, now).health.score]));
}

/**
 * Channel health for the owner and for operations: status, the process holding the live
 * connection (its lease), messages sent recently and the pacing caps they count against,
 * the number's health score (score.ts) and how many new customers it can reach today
 * (reach.ts). `now` is the clock (epoch ms), injectable for tests.
 */
export function createHealthService(db: Db, now: () => number = Date.now) {
  return {
    /**
     * Any role of the tenant may read it, for a number of their outlets (issue 13).
     * @throws KabarError 404 `channel_not_found` (unknown, another tenant's, or out of the actor's outlets)
     */
    async channel(actor: Actor, channelId: string): Promise<ChannelHealthDto> {
      const row = await tenantChannel(db, actor.tenantId, channelId, actor);
      if (!row) throw channelErrors.notFound();
      const at = now();
      const [lease, sent, [signals]] = await Promise.all([
        currentLease(db, row.id),
        sentCounts(db, row.id, new Date(at)),
        healthRows(db, actor.tenantId, new Date(at), row.id),
      ]);
      if (!signals) throw channelErrors.notFound(); // deleted meanwhile
      const { health, reach, perHour, perDay } = assess(signals, at);
      return {
        status: row.status as ChannelStatus,
        since: row.statusSince.toISOString(),
        lastError: row.lastError,
        leaseHolder: lease?.holder ?? null,
        leaseExpiresAt: lease?.expiresAt.toISOString() ?? null,
        sent,
        caps: { perHour, perDay },
        health: scoreDto(health),
        reach: reachDto(reach),
        restrictions: restrictionsDto(row.restrictions, at),
      };
    },

    /** The score and reach of every channel of the tenant on the actor's outlets, oldest channel first; any role. One query. */
    async list(actor: Actor): Promise<ChannelHealthSummaryDto[]> {
      const at = now();
      const rows = await healthRows(db, actor.tenantId, new Date(at), undefined, actor);
      return rows.map((row) => {
        const { health, reach } = assess(row, at);
        return { channelId: row.id, ...scoreDto(health), reach: reachDto(reach) };
      });
    },
  };
}

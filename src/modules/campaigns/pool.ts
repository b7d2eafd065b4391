/**
 * A campaign's pool of numbers (issue 15, parts 3 and 4): checking the pool the owner gives,
 * and the members as the split (routing.ts) sees them when the campaign starts.
 */
import type { Db, Tx } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import type { CampaignRouting } from "./queries/campaigns.js";
import { splitHealth } from "../health/index.js";
import { coldModeOf } from "./governor.js";
import { campaignErrors } from "./errors.js";
import { type PoolChannelRow, type PoolEntry, poolChannels } from "./queries/pool.js";
import type { PoolMember } from "./routing.js";

/** Channel statuses after which a number sends nothing until a person acts (a pool hands its recipients over). */
export const STOPPED_STATUSES = ["blocked", "logged_out", "needs_token", "replaced"] as const;

/** A checked pool: its entries, the numbers' rows, and the Cloud API number whose synced templates the campaign's template is checked against. */
export interface CheckedPool {
  pool: PoolEntry[];
  channels: PoolChannelRow[];
  /** The main number when it is a Cloud API number, else the pool's first Cloud API number; null when it has none. */
  templateChannelId: string | null;
}

/**
 * Checks the pool of a campaign whose main number is `channelId` (default: that number
 * alone): the main number is in it, no number twice, every number the shop's; `weighted`
 * never mixes Cloud API with WhatsApp Web / sandbox numbers, `hybrid` needs both.
 * @throws KabarError 400 `invalid_pool` (fields `pool` or `pool.N.channelId`),
 *   `pool_mixed_rails`, `hybrid_needs_both` (field `pool`)
 */
export async function checkPool(
  db: Db | Tx,
  tenantId: string,
  input: { channelId: string; pool?: PoolEntry[] | undefined; routing: CampaignRouting },
  /** When given, every number must be on one of its outlets (issue 13). */
  actor?: Actor,
): Promise<CheckedPool> {
  const pool = input.pool ?? [{ channelId: input.channelId, weight: 1 }];
  const seen = new Set<string>();
  pool.forEach((p, i) => {
    if (seen.has(p.channelId))
      throw campaignErrors.poolWithoutChannel({ field: `pool.${i}.channelId`, why: "duplicate" });
    seen.add(p.channelId);
  });
  if (!seen.has(input.channelId))
    throw campaignErrors.poolWithoutChannel({ field: "pool", why: "missing_main" });
  const rows = await poolChannels(db, tenantId, [...seen], actor);
  const byId = new Map(rows.map((r) => [r.id, r]));
  pool.forEach((p, i) => {
    if (!byId.has(p.channelId))
      throw campaignErrors.poolWithoutChannel({ field: `pool.${i}.channelId`, why: "unknown" });
  });
  const cloud = pool.filter((p) => byId.get(p.channelId)!.kind === "cloud_api");
  if (input.routing === "hybrid") {
    if (cloud.length === 0 || cloud.length === pool.length)
      throw campaignErrors.hybridNeedsBoth({ field: "pool" });
  } else if (cloud.length > 0 && cloud.length < pool.length) {
    throw campaignErrors.poolMixedRails();
  }
  const main = byId.get(input.channelId)!;
  return {
    pool,
    channels: pool.map((p) => byId.get(p.channelId)!),
    templateChannelId: main.kind === "cloud_api" ? main.id : (cloud[0]?.channelId ?? null),
  };
}

/**
 * The pool's members as the split sees them at `now` (epoch ms): rail, weight × health, and
 * whether each may send and start new chats (the governor's rule, `coldModeOf`, on its stored
 * restrictions; a Cloud API number always may). Scores from the health module (`splitHealth`).
 */
export async function poolMembers(
  db: Db | Tx,
  tenantId: string,
  pool: PoolEntry[],
  now: number = Date.now(),
): Promise<PoolMember[]> {
  const rows = new Map(
    (
      await poolChannels(
        db,
        tenantId,
        pool.map((p) => p.channelId),
      )
    ).map((r) => [r.id, r]),
  );
  const health = await splitHealth(db as Db, tenantId, now);
  return pool.flatMap((p) => {
    const row = rows.get(p.channelId);
    if (!row) return [];
    const h = health.get(p.channelId);
    return [
      {
        channelId: p.channelId,
        weight: p.weight,
        rail: row.kind === "cloud_api" ? ("cloud" as const) : ("web" as const),
        score: h ?? 100,
        usable: !(STOPPED_STATUSES as readonly string[]).includes(row.status),
        coldOk: row.kind === "cloud_api" || coldModeOf(row.restrictions, now).kind !== "held",
      },
    ];
  });
}

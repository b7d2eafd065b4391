import type { Db } from "../../db/client.js";
import {
  nextSendAt,
  pacingPolicySchema,
  recordSend,
  type PacingPolicy,
  type PacingState,
} from "../../channels/pacing.js";
import { syncedTemplate } from "../../channels/cloud-api/index.js";
import { DEFAULT_META_RATES, metaCost, pricedCategory, type MetaRates } from "../../channels/meta-pricing.js";
import type { Actor } from "../../lib/actor.js";
import { channelErrors, channelPacing } from "../channels/index.js";
import { contactErrors, importExists } from "../contacts/index.js";
import { recentSendTimesOfTenant } from "../inbox/index.js";
import { tenantCampaignSettings } from "../tenants/index.js";
import { audienceByPhonePrefix, audienceCounts } from "./queries/audience.js";
import { checkAudienceOutlet, stampAudience } from "./audience-scope.js";
import { estimateUnits } from "./metering.js";
import { checkPool, poolMembers } from "./pool.js";
import { toUtc } from "./schedule-time.js";
import { estimatePoolSplit } from "./split-estimate.js";
import type { EstimateInput, EstimateResult } from "./schemas.js";

/** What the duration estimate starts from. Times are epoch ms. */
interface EstimateStart {
  /** When sending starts (now, or the scheduled time). */
  startAt: number;
  /** When the channel was created (its warm-up age). */
  channelCreatedAt: number;
  /** IANA zone of the shop, for quiet hours. */
  timeZone: string;
  /** The channel's sends of the last 24 h, oldest first: they already use up the caps. */
  recentSends?: number[];
}

/** Sends simulated one by one; a larger audience is extrapolated from them. */
const SIMULATED_SENDS = 10_000;

const DAY_MS = 86_400_000;

/**
 * How long `recipients` messages take to send under a pacing policy, in whole seconds
 * from `start.startAt` to the last send. Replays the dispatcher's loop
 * (src/modules/campaigns/dispatcher.ts) against `nextSendAt` of src/channels/pacing.ts with
 * the mean of each random range (gap between sends, "typing…" time): the sliding-window caps
 * per minute / hour / day (warm-up included) push the overflow into the next minute, hour or
 * day, and quiet hours push sends to their end. Network time of the send itself is not
 * counted. An unpaced policy (`concurrency` > 1) estimates 0.
 *
 * The first `SIMULATED_SENDS` (10,000) sends are simulated one by one (about 0.1 s); the
 * rest of a larger audience is extrapolated: when the simulation spans more than a day (a
 * daily cap or quiet hours, and each day then repeats the last), by whole days —
 * send `n + C` goes one period after send `n`, C being the sends of the last 24 h and the
 * period measured over them —, otherwise at the rate of the simulated second half.
 */
export function estimateSendSeconds(policy: PacingPolicy, recipients: number, start: EstimateStart): number {
  if (recipients <= 0 || policy.concurrency > 1) return 0;
  const typing = policy.typing ? (policy.typingMs.min + policy.typingMs.max) / 2 : 0;
  const state: PacingState = { channelCreatedAt: start.channelCreatedAt, sentAt: [], consecutiveFailures: 0 };
  for (const at of start.recentSends ?? []) recordSend(state, at);
  const mean = () => 0.5;
  const n = Math.min(recipients, SIMULATED_SENDS);
  const times = new Float64Array(n + 1);
  times[0] = start.startAt;
  for (let i = 1; i <= n; i++) {
    times[i] = nextSendAt(policy, state, times[i - 1]!, start.timeZone, mean).at + typing;
    recordSend(state, times[i]!);
  }
  let last = times[n]!;
  const rest = recipients - n;
  if (rest > 0) {
    let perDay = 0;
    while (perDay < n && times[n - perDay]! > last - DAY_MS) perDay++;
    if (perDay < n) {
      const period = last - times[n - perDay]!;
      const cycles = Math.ceil(rest / perDay);
      last = times[n + rest - cycles * perDay]! + cycles * period;
    } else {
      const half = Math.floor(n / 2);
      last += ((last - times[half]!) / (n - half)) * rest;
    }
  }
  return Math.round((last - start.startAt) / 1000);
}

/**
 * The estimate behind the composer's review step: how many contacts the audience holds,
 * how many of them opted out (skipped, not sent), how many of the rest are warm (wrote to
 * the shop before: no new chat) and how many are new chats, and how long the rest take on the
 * channel under its pacing policy, from now or from `input.at` (read like a schedule
 * time, in the shop's zone). Tenant-scoped like every campaign verb; owners and agents
 * may ask. For a Cloud API channel and `input.waTemplate` synced with a priced category,
 * also Meta's per-message charge of the recipients under `rates` (`metaCost`, rupiah; see
 * src/channels/meta-pricing.ts); null for free kinds (WhatsApp Web, sandbox), without a
 * template, or for a template not synced or of an unpriced category. With `mode` `saas`, also
 * the message units the recipients need against the shop's units left and its send block
 * (`quota`, metering.ts `estimateUnits`; null in single mode and for an unmetered shop).
 * @throws KabarError 400 `unknown_channel` (fields.channelId), `unknown_import`
 *   (fields['audience.importId']), `invalid_time` (fields.at).
 */
export function createCampaignEstimator(
  db: Db,
  rates: MetaRates = DEFAULT_META_RATES,
  mode: "single" | "saas" = "single",
) {
  /**
   * Meta's charge of the audience (or, with `cloudPrefixes`, of the recipients a pool gives
   * its Cloud API numbers), or null when there is none to estimate (see above).
   */
  async function estimateMetaCost(
    actor: Actor,
    input: EstimateInput,
    templateChannelId: string | null,
    cloudPrefixes?: Map<string, number>,
  ) {
    if (!input.waTemplate || !templateChannelId) return null;
    const t = await syncedTemplate(
      db,
      actor.tenantId,
      templateChannelId,
      input.waTemplate.name,
      input.waTemplate.language,
    );
    const category = pricedCategory(t?.category);
    if (!category) return null;
    return metaCost(
      rates,
      category,
      cloudPrefixes ??
        (await audienceByPhonePrefix(db, actor.tenantId, stampAudience(actor, input.audience))),
    );
  }

  return {
    async estimate(actor: Actor, input: EstimateInput, now = Date.now()): Promise<EstimateResult> {
      const ch = await channelPacing(db, actor.tenantId, input.channelId);
      if (!ch) throw channelErrors.unknownChannel({ field: "channelId" });
      // Staff limited to outlets count only their outlets' customers, as their campaign will reach.
      const a = stampAudience(actor, input.audience);
      await checkAudienceOutlet(db, actor, a);
      if (a.type === "import") {
        if (!(await importExists(db, actor, a.importId)))
          throw contactErrors.unknownImport({ field: "audience.importId" });
      }
      const startAt = input.at ? Math.max(now, toUtc(input.at, ch.timeZone).getTime()) : now;
      const warmDays = (await tenantCampaignSettings(db, actor.tenantId))?.warmDays ?? 90;
      const routing = input.routing ?? "weighted";
      const pool = await checkPool(db, actor.tenantId, {
        channelId: input.channelId,
        pool: input.pool,
        routing,
      });
      const pooled =
        pool.pool.length > 1
          ? await estimatePoolSplit(
              db,
              actor.tenantId,
              a,
              await poolMembers(db, actor.tenantId, pool.pool, now),
              routing,
              warmDays,
            )
          : null;
      const counts = await audienceCounts(db, actor.tenantId, a, {
        channelId: input.channelId,
        days: warmDays,
      });
      const recentSends = await recentSendTimesOfTenant(db, actor.tenantId, input.channelId, now);
      const policy = pacingPolicySchema.parse(ch.pacing);
      const toSend = counts.recipients - counts.opted_out;
      const split = pooled?.split ?? [
        { channelId: input.channelId, recipients: toSend, warm: counts.warm, newChats: toSend - counts.warm },
      ];
      const warm = split.reduce((n, s) => n + s.warm, 0);
      // A pool sends in parallel: the main number's share sets the pace shown.
      const mainShare = split.find((s) => s.channelId === input.channelId)?.recipients ?? toSend;
      return {
        recipients: counts.recipients,
        optedOut: counts.opted_out,
        warm,
        newChats: toSend - warm,
        split,
        estimatedSeconds: estimateSendSeconds(policy, mainShare, {
          startAt,
          channelCreatedAt: ch.createdAt.getTime(),
          timeZone: ch.timeZone,
          recentSends,
        }),
        startAt: new Date(startAt).toISOString(),
        pacingPreset: ch.preset,
        pacing: policy,
        metaCost: await estimateMetaCost(
          actor,
          input,
          pool.templateChannelId,
          routing === "hybrid" ? pooled?.cloudPrefixes : undefined,
        ),
        quota: mode === "saas" ? await estimateUnits(db, actor.tenantId, toSend) : null,
      };
    },
  };
}

import { z } from "zod";
import { CHANNEL_STATUSES, NEW_CHAT_CAP_STATES } from "../../channels/transport.js";
import { HEALTH_LEVELS, HEALTH_REASONS } from "./score.js";

const REACH_LIMITS = [
  "cloud_api",
  "blocked",
  "logged_out",
  "timelock",
  "capped",
  "second_warning",
  "new_chat_cap",
  "daily_cap",
  "none",
] as const;

/** A number's health score with the parts that lowered it (src/modules/health/score.ts). */
const healthScoreSchema = z.object({
  score: z.number().int().min(0).max(100).describe("0–100; 100 = nothing lowers it"),
  level: z
    .enum(HEALTH_LEVELS)
    .describe("healthy ≥ 70 (Sehat), watch 40–69 (Waspada), at_risk < 40 (Berisiko)"),
  parts: z
    .array(
      z.object({
        reason: z.enum(HEALTH_REASONS),
        kind: z
          .enum(["deduction", "ceiling"])
          .describe("deduction: `points` taken away; ceiling: the score is held at or under `points`"),
        points: z.number().int().min(0).max(100),
        rate: z.number().min(0).max(1).optional().describe("failure_rate, opt_out_rate: the rate (0..1)"),
        days: z.number().int().min(0).optional().describe("warmup: whole days since the number was added"),
        until: z.string().optional().describe("timelock, cap states: when it ends, when known (ISO 8601)"),
      }),
    )
    .describe("Why points were lost, in a fixed order"),
});

/** About how many new customers the number can reach today (src/modules/health/reach.ts). */
const reachSchema = z.object({
  newChats: z
    .number()
    .int()
    .min(0)
    .nullable()
    .describe("null: no known limit (none set, or a Cloud API number)"),
  limitedBy: z
    .enum(REACH_LIMITS)
    .describe(
      "What sets it: cloud_api (no WhatsApp Web cap; Meta's messaging limit applies), blocked, logged_out, timelock, capped, second_warning (0), new_chat_cap (total − used), daily_cap (pacing, warm-up included), none",
    ),
  until: z.string().optional().describe("When that limit ends, when known (ISO 8601)"),
});

/** The number's health as the list shows it: one per channel of the shop. */
export const channelHealthSummarySchema = healthScoreSchema.extend({
  channelId: z.uuid(),
  reach: reachSchema,
});
/** See `channelHealthSummarySchema`. */
export type ChannelHealthSummaryDto = z.infer<typeof channelHealthSummarySchema>;

/** GET /channels/:id/health: how a channel is doing right now. */
export const channelHealthSchema = z.object({
  status: z.enum(CHANNEL_STATUSES),
  since: z.string().describe("When the channel entered `status` (ISO 8601)"),
  lastError: z.string().nullable().describe("Reason of the last status change, when there was one"),
  leaseHolder: z
    .string()
    .nullable()
    .describe("The Kabar process holding the live connection (hostname:pid:random); null when none does"),
  leaseExpiresAt: z
    .string()
    .nullable()
    .describe("Until when that process holds it unless it renews (ISO 8601)"),
  sent: z
    .object({ lastHour: z.number().int().min(0), lastDay: z.number().int().min(0) })
    .describe("Outbound messages of the channel in the last hour and the last 24 hours"),
  caps: z
    .object({ perHour: z.number().int().min(0), perDay: z.number().int().min(0) })
    .describe("Pacing caps; perDay is the effective daily cap today, warm-up included; 0 = no cap"),
  health: healthScoreSchema,
  reach: reachSchema,
  restrictions: z
    .object({
      cap: z
        .object({
          state: z.enum(NEW_CHAT_CAP_STATES),
          total: z.number().int().min(0).optional(),
          used: z.number().int().min(0).optional(),
          cycleEnd: z.string().optional().describe("ISO 8601"),
        })
        .nullable()
        .describe("WhatsApp's new-chat cap of the current cycle; null when unknown or the cycle ended"),
      timelock: z
        .object({ endsAt: z.string().optional().describe("ISO 8601"), type: z.string().optional() })
        .nullable()
        .describe("An active reach-out timelock; null when none is in force"),
      at: z.string().describe("When WhatsApp last told them (ISO 8601)"),
    })
    .nullable()
    .describe("What WhatsApp restricts the number to; null until first read, and on Cloud API numbers"),
});
/** A channel's health; see `channelHealthSchema`. */
export type ChannelHealthDto = z.infer<typeof channelHealthSchema>;

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(channelHealthSchema, { id: "ChannelHealth" });
z.globalRegistry.add(channelHealthSummarySchema, { id: "ChannelHealthSummary" });

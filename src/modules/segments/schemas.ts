import { z } from "zod";
import { RFM_SEGMENTS } from "../../db/schema/index.js";

/** A shop's RFM thresholds: days and scores 1–5 (rules.ts says what each means and why its default). */
export const rfmThresholdsSchema = z.object({
  newDays: z.number().int().min(1).max(365).default(30),
  inactiveDays: z.number().int().min(30).max(3650).default(180),
  championScore: z.number().int().min(1).max(5).default(4),
  atRiskRecency: z.number().int().min(1).max(5).default(2),
  atRiskValue: z.number().int().min(1).max(5).default(3),
  bigSpenderScore: z.number().int().min(1).max(5).default(5),
  loyalScore: z.number().int().min(1).max(5).default(4),
  promisingRecency: z.number().int().min(1).max(5).default(4),
});
/** {@link rfmThresholdsSchema}'s values. */
export type RfmThresholds = z.infer<typeof rfmThresholdsSchema>;

export const rfmSegmentSchema = z.enum(RFM_SEGMENTS);
/** One of the named RFM segments (rules.ts). */
export type RfmSegmentKey = z.infer<typeof rfmSegmentSchema>;

/** GET /segments: each segment with its customers, the thresholds, and when it was computed. */
export const segmentsOverviewSchema = z.object({
  segments: z.array(z.object({ segment: rfmSegmentSchema, customers: z.number().int() })),
  customers: z
    .number()
    .int()
    .describe("Customers with at least one order (not draft, cancelled or returned)"),
  thresholds: rfmThresholdsSchema,
  computedAt: z.string().nullable().describe("When the segments were last computed; null: never"),
});
export type SegmentsOverviewDto = z.infer<typeof segmentsOverviewSchema>;

/** PUT /segments/settings: the shop's thresholds (left-out fields take their defaults). */
export const thresholdsBody = rfmThresholdsSchema.partial();

/** A customer's RFM figures and segment. */
export const contactRfmSchema = z.object({
  segment: rfmSegmentSchema,
  recencyDays: z.number().int(),
  frequency: z.number().int().describe("Orders in the last 365 days"),
  monetary: z.number().int().describe("Rupiah in the last 365 days"),
  ordersEver: z.number().int(),
  scores: z.object({ r: z.number().int(), f: z.number().int(), m: z.number().int() }),
  lastOrderAt: z.string(),
  computedAt: z.string(),
});
export type ContactRfmDto = z.infer<typeof contactRfmSchema>;

z.globalRegistry.add(segmentsOverviewSchema, { id: "SegmentsOverview" });
z.globalRegistry.add(contactRfmSchema, { id: "ContactRfm" });
z.globalRegistry.add(thresholdsBody, { id: "RfmThresholds" });

/**
 * RFM scoring and the named segments (issue 12, "Segments and reports").
 *
 * Scores: each of recency, frequency and monetary is scored 1–5 by where the customer
 * stands among the shop's customers: `1 + floor(5 × percent_rank)`, capped at 5, with
 * recency ranked so the most recent buyer ranks highest. Customers with equal values get
 * the same score, the lowest of their places: when most of a shop's customers bought once,
 * they all score F = 1 instead of some of them scoring 3 or 4 by the accident of their
 * place in a tie (plain quintiles, `ntile(5)`, would split a tie across scores).
 *
 * Segments: the first rule that matches names the customer, in this order (thresholds
 * configurable per shop, defaults below):
 * - **inactive**: no order for more than `inactiveDays` (180: half a year without buying
 *   is past every consumption interval of a UMKM catalogue — coffee, skincare, frozen food);
 * - **new**: one order ever, placed within `newDays` (30): welcome them, do not treat them
 *   as lapsed or loyal yet;
 * - **champions**: R, F and M all ≥ `championScore` (4): the shop's best customers;
 * - **at_risk**: R ≤ `atRiskRecency` (2) but F or M ≥ `atRiskValue` (3): customers who
 *   bought often or much and have not lately — the ones a reminder wins back;
 * - **big_spender**: M ≥ `bigSpenderScore` (5): the top fifth by rupiah;
 * - **loyal**: F ≥ `loyalScore` (4): the top two fifths by number of orders;
 * - **promising**: R ≥ `promisingRecency` (4): bought recently, not (yet) often or much;
 * - **need_attention**: everyone else.
 */
import { type RfmSegmentKey, type RfmThresholds, rfmThresholdsSchema } from "./schemas.js";

/** The default thresholds (the module header says why). */
export const DEFAULT_THRESHOLDS: RfmThresholds = rfmThresholdsSchema.parse({});

/** What a customer's segment is decided from: days since the last order, orders ever, and the three scores. */
export interface RfmFacts {
  recencyDays: number;
  ordersEver: number;
  r: number;
  f: number;
  m: number;
}

/** The customer's segment under `t` (the first matching rule of the module header). */
export function segmentOf(x: RfmFacts, t: RfmThresholds): RfmSegmentKey {
  if (x.recencyDays > t.inactiveDays) return "inactive";
  if (x.ordersEver === 1 && x.recencyDays <= t.newDays) return "new";
  if (x.r >= t.championScore && x.f >= t.championScore && x.m >= t.championScore) return "champions";
  if (x.r <= t.atRiskRecency && (x.f >= t.atRiskValue || x.m >= t.atRiskValue)) return "at_risk";
  if (x.m >= t.bigSpenderScore) return "big_spender";
  if (x.f >= t.loyalScore) return "loyal";
  if (x.r >= t.promisingRecency) return "promising";
  return "need_attention";
}

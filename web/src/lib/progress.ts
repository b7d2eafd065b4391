import type { CampaignCounts } from "../api/types";

/** Recipients the campaign is done with (neither waiting nor being sent). */
export function doneCount(c: CampaignCounts): number {
  return c.total - c.pending - c.sending;
}

/** Whole percent done, 0 for an empty campaign. */
export function donePercent(c: CampaignCounts): number {
  return c.total === 0 ? 0 : Math.floor((doneCount(c) / c.total) * 100);
}

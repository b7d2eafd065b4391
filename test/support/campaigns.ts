/**
 * Helpers for tests that run campaigns through the API: create and start one, wait for
 * its state, and read its per-recipient report.
 */
import type { z } from 'zod';
import type { CampaignDto, CreateCampaignInput, recipientSchema } from '../../src/modules/campaigns/schemas.js';
import { ok, type Api } from './api.js';
import { waitFor } from './wait.js';

/** One row of GET /campaigns/:id/recipients. */
export type RecipientDto = z.infer<typeof recipientSchema>;

/** Creates a campaign and starts it; resolves with the started campaign. */
export async function startCampaign(api: Api, input: CreateCampaignInput): Promise<CampaignDto> {
  const created = await ok(api<CampaignDto>('POST', '/campaigns', input), 201);
  return ok(api<CampaignDto>('POST', `/campaigns/${created.id}/start`));
}

/** GET /campaigns/:id. */
export function getCampaign(api: Api, id: string): Promise<CampaignDto> {
  return ok(api<CampaignDto>('GET', `/campaigns/${id}`));
}

/** Waits until the campaign satisfies `done`; resolves with it. */
export function untilCampaign(api: Api, id: string, done: (c: CampaignDto) => boolean, timeoutMs = 30_000): Promise<CampaignDto> {
  return waitFor(async () => {
    const c = await getCampaign(api, id);
    return done(c) ? c : undefined;
  }, timeoutMs);
}

/** Every recipient of a campaign, in the order they were snapshotted. */
export async function allRecipients(api: Api, id: string): Promise<RecipientDto[]> {
  const all: RecipientDto[] = [];
  for (let page = 1; ; page++) {
    const rows = await ok(api<RecipientDto[]>('GET', `/campaigns/${id}/recipients?pageSize=500&page=${page}`));
    all.push(...rows);
    if (rows.length < 500) return all;
  }
}

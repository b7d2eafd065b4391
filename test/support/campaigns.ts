/**
 * Helpers for tests that run campaigns through the API: pick an audience, create and
 * start a campaign, wait for its state, and read its per-recipient report.
 */
import type { z } from "zod";
import type {
  CampaignDto,
  CreateCampaignInput,
  recipientSchema,
} from "../../src/modules/campaigns/schemas.js";
import type { ContactDto } from "../../src/modules/contacts/schemas.js";
import { DEMO_LABEL } from "../../src/modules/tenants/seed.js";
import { ok, type Api } from "./api.js";
import type { TestKabar } from "./kabar.js";
import { waitFor } from "./wait.js";

/** One row of GET /campaigns/:id/recipients. */
export type RecipientDto = z.infer<typeof recipientSchema>;

/** Creates a campaign and starts it; resolves with the started campaign. */
export async function startCampaign(api: Api, input: CreateCampaignInput): Promise<CampaignDto> {
  const created = await ok(api<CampaignDto>("POST", "/campaigns", input), 201);
  return ok(api<CampaignDto>("POST", `/campaigns/${created.id}/start`));
}

/** GET /campaigns/:id. */
export function getCampaign(api: Api, id: string): Promise<CampaignDto> {
  return ok(api<CampaignDto>("GET", `/campaigns/${id}`));
}

/** Waits until the campaign satisfies `done`; resolves with it. */
export function untilCampaign(
  api: Api,
  id: string,
  done: (c: CampaignDto) => boolean,
  timeoutMs = 30_000,
): Promise<CampaignDto> {
  return waitFor(async () => {
    const c = await getCampaign(api, id);
    return done(c) ? c : undefined;
  }, timeoutMs);
}

/** Every recipient of a campaign, in the order they were snapshotted. */
export async function allRecipients(api: Api, id: string): Promise<RecipientDto[]> {
  const all: RecipientDto[] = [];
  for (let page = 1; ; page++) {
    const rows = await ok(
      api<RecipientDto[]>("GET", `/campaigns/${id}/recipients?pageSize=500&page=${page}`),
    );
    all.push(...rows);
    if (rows.length < 500) return all;
  }
}

/**
 * Labels `count` demo customers who are on WhatsApp, never answer STOP and are not opted
 * out with `label`, so a campaign to that label reaches every recipient. Resolves with
 * their phones. `untouched`: only customers without a conversation yet (never written to
 * nor writing), so none is warm or can turn warm by a late reply to an earlier campaign.
 */
export async function labelReachableCustomers(
  k: TestKabar,
  api: Api,
  label: string,
  count: number,
  opts: { untouched?: boolean } = {},
): Promise<string[]> {
  const page = await ok(
    api<{ items: ContactDto[] }>("GET", `/contacts?label=${DEMO_LABEL}&optedOut=false&pageSize=200`),
  );
  const touched = new Set(
    opts.untouched
      ? (await ok(api<Array<{ phone: string }>>("GET", "/conversations?limit=200"))).map((c) => c.phone)
      : [],
  );
  const reachable = page.items.filter((c) => {
    const phone = k.sandbox.phone(c.phone);
    return phone.onWhatsApp && !phone.optOutRate && !touched.has(c.phone);
  });
  const chosen = reachable.slice(0, count);
  if (chosen.length < count) throw new Error(`only ${chosen.length} reachable demo customers`);
  await ok(api("POST", "/contacts/bulk-label", { contactIds: chosen.map((c) => c.id), add: [label] }));
  return chosen.map((c) => c.phone);
}

/** Recipients the network accepted: sent, delivered or read. */
export function sentCount(c: CampaignDto): number {
  return c.counts.sent + c.counts.delivered + c.counts.read;
}

import type { CampaignDto } from "../../modules/campaigns/index.js";
import type { CliContext } from "../context.js";
import { countsBlock, describeAudience, progressText, renderPairs } from "../format.js";
import { formatIsoInZone } from "../time.js";
import { explainReason } from "../watch.js";

/**
 * The campaign's details and its counts per state, times in the shop's zone; `audience` is
 * its audience in words ({@link audienceText}).
 */
export function campaignDetails(
  c: CampaignDto,
  channelName: string,
  audience: string,
  timeZone: string,
): string[] {
  const pairs: Array<[string, string]> = [
    ["campaign", `${c.name} (${c.id})`],
    ["status", c.statusReason ? `${c.status}: ${explainReason(c.statusReason)}` : c.status],
    ["channel", channelName],
    ["audience", audience],
    ["created", formatIsoInZone(c.createdAt, timeZone)],
  ];
  if (c.scheduledAt) pairs.push(["scheduled", formatIsoInZone(c.scheduledAt, timeZone)]);
  if (c.startedAt) pairs.push(["started", formatIsoInZone(c.startedAt, timeZone)]);
  if (c.finishedAt) pairs.push(["finished", formatIsoInZone(c.finishedAt, timeZone)]);
  pairs.push(["progress", c.startedAt ? progressText(c.counts) : "not started yet"]);
  return [...renderPairs(pairs, ""), "recipients", ...countsBlock(c.counts)];
}

/** A campaign's audience in words, an import named by its file ("contacts of import pelanggan.csv"). */
export async function audienceText(ctx: CliContext, audience: CampaignDto["audience"]): Promise<string> {
  if (audience.type !== "import") return describeAudience(audience);
  const source = await ctx.services.imports.get(ctx.actor, audience.importId).catch(() => null);
  return describeAudience(audience, source?.filename);
}

/** The campaign's channel as "name (phone)". */
export async function channelName(ctx: CliContext, channelId: string): Promise<string> {
  const ch = await ctx.services.channels.get(ctx.actor, channelId);
  return `${ch.name}${ch.phone ? ` (${ch.phone})` : ""}`;
}

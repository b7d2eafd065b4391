import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { doneCount, formatNumber, percent, renderTable, statusText, truncate } from "../format.js";
import { print } from "../output.js";
import { parseId } from "../resolve.js";
import { run, runPrepared } from "../run.js";
import { audienceText, campaignDetails, channelName } from "./campaign-details.js";
import { watchCampaign } from "./campaign-watch.js";

async function list(ctx: CliContext): Promise<void> {
  const campaigns = await ctx.services.campaigns.list(ctx.actor);
  if (campaigns.length === 0) {
    print("No campaigns yet.");
    return;
  }
  const n = formatNumber;
  const rows = campaigns.map((c) => [
    c.id,
    truncate(c.name, 32),
    statusText(c.status, c.statusReason),
    percent(doneCount(c.counts), c.counts.total),
    n(c.counts.total),
    n(c.counts.pending + c.counts.sending),
    n(c.counts.sent),
    n(c.counts.delivered),
    n(c.counts.read),
    n(c.counts.replied),
    n(c.counts.failed + c.counts.unknown),
    n(c.counts.skipped),
  ]);
  const num = (header: string) => ({ header, right: true });
  const columns = [
    { header: "ID" },
    { header: "NAME" },
    { header: "STATUS" },
    num("DONE"),
    num("TOTAL"),
    num("WAITING"),
    num("SENT"),
    num("DELIVERED"),
    num("READ"),
    num("REPLIED"),
    num("FAILED"),
    num("SKIPPED"),
  ];
  print(...renderTable(columns, rows));
  print(
    "",
    "SENT / DELIVERED / READ count each recipient once, at its latest state; FAILED includes unknown outcomes.",
  );
}

async function status(ctx: CliContext, id: string, watch: boolean): Promise<number | undefined> {
  if (watch) return watchCampaign(ctx, id);
  const c = await ctx.services.campaigns.get(ctx.actor, id);
  print(
    ...campaignDetails(
      c,
      await channelName(ctx, c.channelId),
      await audienceText(ctx, c.audience),
      ctx.tenant.timeZone,
    ),
  );
}

/** `kabar campaign list` and `kabar campaign status <id> [--watch]`. */
export function registerShow(campaign: Command): void {
  campaign
    .command("list")
    .description("the shop's campaigns, newest first, with their progress")
    .action((_o: unknown, c: Command) => run(c, {}, list));
  campaign
    .command("status <id>")
    .description("a campaign and its recipients per state")
    .option("--watch", "follow it with a progress bar until it finishes (exit 1 if it failed)")
    .action((id: string, o: { watch?: boolean }, c: Command) =>
      runPrepared(
        c,
        {},
        () => parseId(id, "campaign"),
        (ctx, cid) => status(ctx, cid, o.watch === true),
      ),
    );
}

import type { Command } from "commander";
import type { CampaignDto } from "../../modules/campaigns/index.js";
import type { CliContext } from "../context.js";
import { commandPrefix, formatNumber, renderPairs, statusText } from "../format.js";
import { note, print } from "../output.js";
import { parseId } from "../resolve.js";
import { runPrepared } from "../run.js";
import { NO_SENDER_HINT, senderListening } from "../sender.js";
import { formatInZone } from "../time.js";

/** A state change verb: what it calls and what it says afterwards. */
interface Verb {
  description: string;
  act(ctx: CliContext, id: string): Promise<{ campaign: CampaignDto; detail?: string }>;
  /** Whether the campaign now waits for a sender (a hint is printed when none runs). */
  sends: boolean;
}

const VERBS: Record<string, Verb> = {
  start: {
    description: "start a draft (or scheduled) campaign now: snapshots the audience and starts sending",
    act: async (ctx, id) => {
      const campaign = await ctx.services.campaigns.start(ctx.actor, id);
      return { campaign, detail: `${formatNumber(campaign.counts.total)} recipients` };
    },
    sends: true,
  },
  pause: {
    description: "pause sending (messages already handed to WhatsApp still arrive)",
    act: async (ctx, id) => ({ campaign: await ctx.services.campaigns.pause(ctx.actor, id) }),
    sends: false,
  },
  resume: {
    description: "resume a paused campaign",
    act: async (ctx, id) => ({ campaign: await ctx.services.campaigns.resume(ctx.actor, id) }),
    sends: true,
  },
  cancel: {
    description: "cancel a campaign: recipients not yet sent are skipped",
    act: async (ctx, id) => {
      const campaign = await ctx.services.campaigns.cancel(ctx.actor, id);
      return { campaign, detail: `${formatNumber(campaign.counts.skipped)} recipients skipped` };
    },
    sends: false,
  },
  retry: {
    description: "send again to the recipients that failed",
    act: async (ctx, id) => {
      const { requeued, campaign } = await ctx.services.campaigns.retryFailed(ctx.actor, id);
      return { campaign, detail: `${formatNumber(requeued)} failed recipients queued again` };
    },
    sends: true,
  },
};

/** After a verb that sends: hint how to follow it, and warn when no server will send. */
async function afterSendingVerb(ctx: CliContext, c: CampaignDto): Promise<void> {
  if (c.status !== "running") return;
  if ((await senderListening(ctx.db.database.pool)) === false) note(NO_SENDER_HINT);
  print(`Follow it: ${commandPrefix()} campaign status ${c.id} --watch`);
}

async function changeState(ctx: CliContext, verb: Verb, id: string): Promise<void> {
  const { campaign, detail } = await verb.act(ctx, id);
  print(
    `Campaign ${campaign.id} ${statusText(campaign.status, campaign.statusReason)}${detail ? `: ${detail}` : ""}.`,
  );
  if (verb.sends) await afterSendingVerb(ctx, campaign);
}

interface ScheduleFlags {
  at: string;
  tz?: string;
}

async function schedule(ctx: CliContext, id: string, o: ScheduleFlags): Promise<void> {
  const shopZone = ctx.tenant.timeZone;
  const zone = o.tz ?? shopZone;
  const c = await ctx.services.campaigns.schedule(ctx.actor, id, o.at, zone);
  const at = new Date(c.scheduledAt!);
  print(`Campaign ${c.id} scheduled.`);
  const lines: Array<[string, string]> = [["shop time", `${formatInZone(at, shopZone)} (${shopZone})`]];
  if (zone !== shopZone) lines.push(["in --tz", `${formatInZone(at, zone)} (${zone})`]);
  lines.push(["UTC", formatInZone(at, "UTC")]);
  print(...renderPairs(lines));
  if ((await senderListening(ctx.db.database.pool)) === false)
    note("no Kabar server is running on this database: start `npm start` before that time");
}

/** `kabar campaign start|pause|resume|cancel|retry <id>` and `campaign schedule <id> --at`. */
export function registerLifecycle(campaign: Command): void {
  for (const [name, verb] of Object.entries(VERBS)) {
    campaign
      .command(`${name} <id>`)
      .description(verb.description)
      .action((id: string, _o: unknown, c: Command) =>
        runPrepared(
          c,
          {},
          () => parseId(id, "campaign"),
          (ctx, cid) => changeState(ctx, verb, cid),
        ),
      );
  }
  campaign
    .command("schedule <id>")
    .description("schedule a draft to start at a time (read in the shop's time zone unless --tz)")
    .requiredOption(
      "--at <time>",
      'local time "2026-12-01 09:00", or ISO with offset "2026-12-01T09:00+08:00"',
    )
    .option("--tz <zone>", "IANA time zone of --at, e.g. Asia/Makassar (default: the shop's)")
    .action((id: string, o: ScheduleFlags, c: Command) =>
      runPrepared(
        c,
        { boss: true },
        () => parseId(id, "campaign"),
        (ctx, cid) => schedule(ctx, cid, o),
      ),
    );
}

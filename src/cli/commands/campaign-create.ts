import type { Command } from "commander";
import type { Audience } from "../../db/schema/campaigns.js";
import { createCampaignBody } from "../../modules/campaigns/index.js";
import type { CliContext } from "../context.js";
import { CliError } from "../errors.js";
import { commandPrefix } from "../format.js";
import { audienceText } from "./campaign-details.js";
import { print } from "../output.js";
import { parseAudience, parseId, pickByIdOrName, type AudienceOptions } from "../resolve.js";
import { runPrepared } from "../run.js";

/** The options as commander gives them. */
interface CreateFlags extends AudienceOptions {
  name: string;
  channel: string;
  message?: string;
  template?: string;
}

/** The options checked: the channel is still a reference (resolved against the database). */
interface CreateInput {
  name: string;
  channel: string;
  body?: string;
  templateId?: string;
  audience: Audience;
}

/**
 * Checks `campaign create`'s options: exactly one of --message / --template, and exactly
 * one audience. @throws CliError
 */
export function prepareCreate(o: CreateFlags): CreateInput {
  if ((o.message === undefined) === (o.template === undefined)) {
    throw new CliError('give the message with exactly one of --message "<text>" or --template <templateId>');
  }
  return {
    name: o.name,
    channel: o.channel,
    body: o.message,
    templateId: o.template === undefined ? undefined : parseId(o.template, "template"),
    audience: parseAudience(o),
  };
}

async function createCampaign(ctx: CliContext, input: CreateInput): Promise<void> {
  const channel = pickByIdOrName(await ctx.services.channels.list(ctx.actor), input.channel, "channel");
  const parsed = createCampaignBody.safeParse({
    name: input.name,
    channelId: channel.id,
    templateId: input.templateId,
    body: input.body,
    audience: input.audience,
  });
  if (!parsed.success) {
    throw new CliError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "campaign"}: ${i.message}`).join("\n  "),
    );
  }
  const c = await ctx.services.campaigns.create(ctx.actor, parsed.data);
  const prefix = commandPrefix();
  print(
    `Created campaign ${c.id} (draft): ${c.name}`,
    `  channel   ${channel.name}${channel.phone ? ` (${channel.phone})` : ""}`,
    `  audience  ${await audienceText(ctx, c.audience)}`,
    "",
    `Next: ${prefix} campaign start ${c.id}`,
    `  or schedule it: ${prefix} campaign schedule ${c.id} --at "YYYY-MM-DD HH:mm"`,
  );
}

/** `kabar campaign create`. */
export function registerCreate(campaign: Command): void {
  campaign
    .command("create")
    .description("create a draft campaign")
    .requiredOption("--name <name>", "campaign name")
    .requiredOption("--channel <channel>", "WhatsApp number to send from: channel id or name")
    .option("--message <text>", "message text, with {{name}}-style variables and {spin|tax}")
    .option("--template <templateId>", "use a saved template instead of --message")
    .option("--labels <labels>", "audience: contacts with these labels (comma-separated)")
    .option("--match <any|all>", "with --labels: contacts with any (default) or all of the labels")
    .option("--import <importId>", "audience: the contacts of one import")
    .option("--all", "audience: every contact (opted-out contacts are always skipped)")
    .action((o: CreateFlags, c: Command) => runPrepared(c, {}, () => prepareCreate(o), createCampaign));
}

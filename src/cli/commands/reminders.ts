/**
 * `kabar reminders run`: sends today's due repeat-order reminders as one campaign and
 * follows it with a progress bar, then a summary. With `--dry-run`: who would get a
 * reminder today and what it says (the web app's reminders page); nothing is sent or changed.
 */
import { outletOption } from "../outlet.js";
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { formatNumber } from "../format.js";
import { print } from "../output.js";
import { run } from "../run.js";
import { watchCampaign } from "./campaign-watch.js";

/** The preview as the command prints it (`services.reminders.preview`'s answer). */
type Preview = Awaited<ReturnType<CliContext["services"]["reminders"]["preview"]>>;

const who = (name: string | null, phone: string) => (name ? `${name} (${phone})` : phone);

/** The dry-run's lines: a heading with the counts, each message (indented, quoted) and the skipped reminders with why. */
export function dryRunLines(p: Preview): string[] {
  const lines = [
    `Reminders due on ${p.date} (${p.timeZone}), dry run: nothing is sent`,
    `  ${formatNumber(p.counts.customers)} messages, ${formatNumber(p.counts.reminders)} reminders, ${formatNumber(p.counts.skipped)} skipped`,
  ];
  if (!p.enabled)
    lines.push("  The daily run is off for this shop (turn it on in the web app's Reminders page).");
  for (const m of p.messages) {
    lines.push("", `To ${who(m.name, m.phone)}: ${m.items.map((i) => i.name).join(", ")}`);
    if (m.suggestions.length > 0) lines.push(`  suggested: ${m.suggestions.map((s) => s.name).join(", ")}`);
    lines.push(...m.text.split("\n").map((l) => `  | ${l}`));
  }
  if (p.skipped.length > 0) {
    lines.push("", "Skipped");
    for (const s of p.skipped)
      lines.push(`  ${who(s.name, s.phone)}: ${s.productName} (${s.reason.replace("_", " ")})`);
  }
  if (p.messages.length === 0 && p.skipped.length === 0) lines.push("", "Nobody is due a reminder today.");
  return lines;
}

/** The run's outcome as the command prints it before following the campaign. */
export function runLines(o: Awaited<ReturnType<CliContext["services"]["reminders"]["run"]>>): string[] {
  if (!o.ran) return [`Reminders already ran today (${o.date}): nothing more is sent.`];
  const counts = `${formatNumber(o.customers)} messages, ${formatNumber(o.reminders)} reminders, ${formatNumber(o.skipped)} skipped`;
  if (!o.campaignId) return [`Reminders for ${o.date}: nobody to send to (${counts}).`];
  return [`Reminders for ${o.date}: ${counts}; sending as campaign ${o.campaignId}.`];
}

async function runCommand(ctx: CliContext, o: { dryRun?: boolean }): Promise<number | undefined> {
  if (o.dryRun) {
    print(...dryRunLines(await ctx.services.reminders.preview(ctx.actor)));
    return;
  }
  const outcome = await ctx.services.reminders.run(ctx.actor);
  print(...runLines(outcome));
  return outcome.campaignId ? watchCampaign(ctx, outcome.campaignId) : undefined;
}

/** `kabar reminders run [--dry-run]`. */
export function registerReminders(program: Command): void {
  program
    .command("reminders")
    .description("repeat-order reminders")
    .command("run")
    .description("send today's due reminders; with --dry-run, print who would get what and send nothing")
    .option("--dry-run", "print the messages without sending anything")
    .addOption(outletOption())
    .action((o: { dryRun?: boolean }, c: Command) => run(c, {}, (ctx) => runCommand(ctx, o)));
}

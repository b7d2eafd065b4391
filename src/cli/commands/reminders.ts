/**
 * `kabar reminders run --dry-run`: who would get a repeat-order reminder today and what it
 * says (the same as the web app's reminders page); nothing is sent or changed.
 */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { formatNumber } from "../format.js";
import { print } from "../output.js";
import { run } from "../run.js";

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

async function dryRun(ctx: CliContext): Promise<void> {
  print(...dryRunLines(await ctx.services.reminders.preview(ctx.actor)));
}

/** `kabar reminders run --dry-run`. */
export function registerReminders(program: Command): void {
  program
    .command("reminders")
    .description("repeat-order reminders")
    .command("run")
    .description("send today's due reminders; with --dry-run, print who would get what and send nothing")
    .requiredOption("--dry-run", "print the messages without sending anything")
    .action((_o: unknown, c: Command) => run(c, {}, dryRun));
}

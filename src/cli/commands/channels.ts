import { outletOption } from "../outlet.js";
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { renderTable } from "../format.js";
import { print } from "../output.js";
import { run } from "../run.js";
import { formatIsoInZone } from "../time.js";

async function listChannels(ctx: CliContext): Promise<void> {
  const channels = await ctx.services.channels.list(ctx.actor);
  if (channels.length === 0) {
    print("No WhatsApp numbers yet: add one in the web app.");
    return;
  }
  const rows = channels.map((ch) => [
    ch.id,
    ch.name,
    ch.kind,
    ch.phone ?? "–",
    ch.lastError ? `${ch.status} (${ch.lastError})` : ch.status,
    formatIsoInZone(ch.statusSince, ctx.tenant.timeZone),
    ch.pacingPreset,
  ]);
  const headers = ["ID", "NAME", "KIND", "PHONE", "STATUS", "SINCE", "PACING"];
  print(
    ...renderTable(
      headers.map((header) => ({ header })),
      rows,
    ),
  );
}

/** `kabar channels list`. */
export function registerChannels(program: Command): void {
  program
    .command("channels")
    .description("the shop's WhatsApp numbers")
    .command("list")
    .description("WhatsApp numbers with their status and pacing preset")
    .addOption(outletOption())
    .action((_o: unknown, c: Command) => run(c, {}, listChannels));
}

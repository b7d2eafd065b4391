/** The `kabar` command tree (commander): global options and every subcommand. */
import { Command } from "commander";
import { registerCampaign } from "./commands/campaign.js";
import { registerChannels } from "./commands/channels.js";
import { registerImport } from "./commands/import.js";
import { registerPreflight } from "./commands/preflight.js";
import { registerQueue } from "./commands/queue.js";
import { registerReminders } from "./commands/reminders.js";

/** The program with every command registered. */
export function buildProgram(): Command {
  const program = new Command("kabar")
    .description("Kabar: WhatsApp CRM and broadcasts for small shops — operator commands")
    .option("--tenant <id>", "the shop to act for, by id or name (default: the only shop)")
    .showHelpAfterError()
    .showSuggestionAfterError();
  registerPreflight(program);
  registerImport(program);
  registerCampaign(program);
  registerChannels(program);
  registerQueue(program);
  registerReminders(program);
  return program;
}

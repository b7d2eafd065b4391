/** `--outlet <name or id>`: a CLI command acting as staff limited to one outlet (issue 13). */
import { Option } from "commander";
import type { Actor } from "../lib/actor.js";
import type { Services } from "../services.js";
import { pickByIdOrName } from "./resolve.js";

/** The `--outlet` option, for the commands that act on contacts, campaigns, imports and numbers (not `reminders run`: a run is the whole shop's day). */
export function outletOption(): Option {
  return new Option(
    "--outlet <name or id>",
    "act as staff limited to this outlet: only its numbers, customers, campaigns and imports (default: every outlet)",
  );
}

/**
 * The actor of a command run with `--outlet ref`: the shop's `owner` actor limited to the
 * outlet `ref` names (id, or name case-insensitively), so every service verb scopes by it.
 * @throws CliError naming `ref` and listing the shop's outlets when none (or several) match
 */
export async function actorOfOutlet(services: Services, owner: Actor, ref: string): Promise<Actor> {
  const outlet = pickByIdOrName(await services.outlets.list(owner), ref, "outlet");
  return { ...owner, outletIds: [outlet.id] };
}

import type { Command } from "commander";
import { registerCreate } from "./campaign-create.js";
import { registerLifecycle } from "./campaign-lifecycle.js";
import { registerShow } from "./campaign-show.js";
import { outletOption } from "../outlet.js";

/** `kabar campaign …`: create, start/pause/resume/cancel/retry, schedule, list, status. */
export function registerCampaign(program: Command): void {
  const campaign = program.command("campaign").description("broadcast campaigns").addOption(outletOption());
  registerCreate(campaign);
  registerLifecycle(campaign);
  registerShow(campaign);
}

/**
 * The daily reminder run: today's due reminders (service.ts `dueReminders`) are sent as ONE
 * campaign (audience `{ type: "reminders", runId }`), so pacing, exactly-once sending
 * across a crash, number safety, opt-outs and the report come from the campaigns module.
 * Each customer gets one message ({{1}} their products, {{2}} suggestions, {{3}} the
 * suggestions line: render.ts). A shop runs at most once per calendar day of its zone.
 *
 * Order of work: one transaction claims the day, marks the skipped reminders, writes the
 * run's messages and marks their reminders `sent`; then the campaign is created and
 * started; then the reminders get its id. A campaign that cannot start undoes the run
 * (the reminders are pending again and the day is free). A process killed between the
 * transaction and the recorded campaign leaves a run with no campaign: the next run or
 * hourly sweep of the shop finishes it (`resumeRuns`), so its reminders go out late but
 * once (the campaign's own exactly-once sending takes over from its start).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { KabarError } from "../../lib/errors.js";
import { zonedParts } from "../../lib/time.js";
import { firstConnectedChannel } from "../channels/index.js";
import { reminderErrors } from "./errors.js";
import {
  claimRunDay,
  enabledShops,
  orphanRuns,
  recordRun,
  releaseRunDay,
  setRunCampaign,
  skipReminders,
  undoRun,
} from "./queries.js";
import { reminderBody } from "./render.js";
import { runColumns, runTemplate } from "./cloud.js";
import type { ReminderCampaigns } from "./ports.js";
import { dueReminders, reminderSettingsOf, shopDate } from "./due.js";

export type { ReminderCampaigns } from "./ports.js";

/** How long a run without a recorded campaign waits before it counts as left by a killed process, minutes. */
const ORPHAN_AFTER_MINUTES = 10;

/**
 * Finishes the shop's runs a killed process left without a campaign (queries.ts
 * `orphanRuns`): the campaign already made for a run is recorded on its reminders (and
 * started if it was left a draft); a run without one gets its campaign now, on the shop's
 * number, late but once.
 * @returns the campaigns recorded
 * @throws KabarError 409 `no_reminder_channel` (no number to send from), and what a campaign's start throws
 */
async function resumeRuns(db: Db, campaigns: ReminderCampaigns, actor: Actor): Promise<string[]> {
  const orphans = await orphanRuns(db, actor.tenantId, ORPHAN_AFTER_MINUTES);
  const resumed: string[] = [];
  for (const run of orphans) {
    let campaignId = run.campaignId;
    if (campaignId && run.campaignStatus === "draft") await campaigns.start(actor, campaignId);
    if (!campaignId) {
      const settings = await reminderSettingsOf(db, actor.tenantId);
      const channelId = settings.channelId ?? (await firstConnectedChannel(db, actor.tenantId));
      if (!channelId) throw reminderErrors.noChannel();
      const template = await runTemplate(db, campaigns, actor.tenantId, channelId, settings.waTemplate);
      campaignId = await campaigns.send(actor, {
        name: `Pengingat pesan ulang ${run.date}`,
        channelId,
        body: reminderBody(settings.message),
        ...(template ? { waTemplate: template.ref } : {}),
        audience: { type: "reminders", runId: run.runId },
      });
    }
    await setRunCampaign(db, actor.tenantId, run.runId, campaignId);
    resumed.push(campaignId);
  }
  return resumed;
}

/** A run's outcome. `ran` false: the shop already ran that day (nothing done). */
export interface RunOutcome {
  date: string;
  ran: boolean;
  campaignId: string | null;
  customers: number;
  reminders: number;
  skipped: number;
}

/**
 * Runs the shop's reminders due on its calendar day of `now` (see the file header).
 * @throws KabarError 409 `no_reminder_channel`, and what the campaign's start throws
 */
export async function runReminders(
  db: Db,
  campaigns: ReminderCampaigns,
  actor: Actor,
  now: Date = new Date(),
): Promise<RunOutcome> {
  const tenantId = actor.tenantId;
  await resumeRuns(db, campaigns, actor);
  const [due, settings] = await Promise.all([
    dueReminders(db, tenantId, now),
    reminderSettingsOf(db, tenantId),
  ]);
  const outcome = {
    date: due.date,
    campaignId: null,
    customers: due.counts.customers,
    reminders: due.counts.reminders,
    skipped: due.counts.skipped,
  };
  const channelId =
    due.messages.length === 0 ? null : (settings.channelId ?? (await firstConnectedChannel(db, tenantId)));
  if (due.messages.length > 0 && !channelId) throw reminderErrors.noChannel();
  // A Cloud API number needs its approved template: refused here, before the day is claimed.
  const template = channelId
    ? await runTemplate(db, campaigns, tenantId, channelId, settings.waTemplate)
    : null;
  const runId = randomUUID();
  const claimed = await db.transaction(async (tx) => {
    if (!(await claimRunDay(tx, tenantId, due.date))) return false;
    await skipReminders(tx, tenantId, due.skipped);
    const messages = due.messages.map((m) => ({
      contactId: m.contactId,
      reminderIds: m.items.map((i) => i.reminderId),
      columns: runColumns(settings, m, `${m.contactId}:${due.date}`, template),
    }));
    await recordRun(tx, tenantId, runId, messages, now);
    return true;
  });
  if (!claimed) return { ...outcome, ran: false, customers: 0, reminders: 0, skipped: 0 };
  if (!channelId) return { ...outcome, ran: true };
  let campaignId: string;
  try {
    campaignId = await campaigns.send(actor, {
      name: `Pengingat pesan ulang ${due.date}`,
      channelId,
      body: reminderBody(settings.message),
      ...(template ? { waTemplate: template.ref } : {}),
      audience: { type: "reminders", runId },
    });
  } catch (err) {
    await undoRun(db, tenantId, runId);
    await releaseRunDay(db, tenantId, due.date);
    throw err;
  }
  await setRunCampaign(db, tenantId, runId, campaignId);
  return { ...outcome, ran: true, campaignId };
}

/** The errors that skip a shop's daily run for its WhatsApp template (cloud.ts). */
const TEMPLATE_REFUSALS = new Set([
  "reminder_template_required",
  "wa_template_not_found",
  "wa_template_not_approved",
  "wa_template_params",
  "wa_template_media",
]);

/** Tells the shop its daily run was skipped for its WhatsApp template (a notification). */
export type RunRefused = (tenantId: string, err: KabarError) => Promise<void>;

/**
 * The hourly sweep (jobs/reminders-daily.ts): runs every shop whose daily run is on, whose
 * local hour at `now` has reached its send hour, and that has not run today (a process
 * that was down at the hour catches up later that day). A shop whose Cloud API number lacks
 * an approved template is skipped and told (`refused`). A shop whose run fails otherwise
 * does not stop the others: every due shop runs, then one error names the shops that failed.
 * @returns the shops that ran
 * @throws KabarError 500 `reminder_runs_failed` naming each failed shop and its error,
 *   after every other shop ran (so the job is retried and its log says which)
 */
export async function runDueShops(
  db: Db,
  campaigns: ReminderCampaigns,
  now: Date = new Date(),
  refused: RunRefused = async () => {},
): Promise<string[]> {
  const ran: string[] = [];
  const failures: Array<{ tenantId: string; error: string }> = [];
  for (const shop of await enabledShops(db)) {
    try {
      if (await runDueShop(db, campaigns, shop, now)) ran.push(shop.tenantId);
    } catch (err) {
      // A shop's template problem skips its run (told, retried next hour), never the other shops'.
      if (err instanceof KabarError && TEMPLATE_REFUSALS.has(err.code)) await refused(shop.tenantId, err);
      else
        failures.push({ tenantId: shop.tenantId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (failures.length > 0)
    throw reminderErrors.shopsFailed({
      count: failures.length,
      shops: failures.map((f) => `${f.tenantId} (${f.error})`).join("; "),
    });
  return ran;
}

/**
 * One shop of the sweep: finishes the runs a killed process left, then runs today's when
 * its hour has come and it has not run today.
 * @returns whether today's run was made now
 */
async function runDueShop(
  db: Db,
  campaigns: ReminderCampaigns,
  shop: { tenantId: string; timeZone: string; sendHour: number; lastRunOn: string | null },
  now: Date,
): Promise<boolean> {
  const actor: Actor = { tenantId: shop.tenantId, userId: null, role: "owner" };
  // A run a killed process left is finished within the hour, whatever today's state.
  await resumeRuns(db, campaigns, actor);
  if (zonedParts(now, shop.timeZone).hour < shop.sendHour) return false;
  if (shop.lastRunOn === shopDate(now, shop.timeZone)) return false;
  return (await runReminders(db, campaigns, actor, now)).ran;
}

/**
 * Repeat-order reminders: plan.ts plans them, due.ts lists a day's, run.ts sends them.
 * This service gives the shop's settings, the dry-run preview (changes nothing) and the run.
 */
import type { Db } from "../../db/client.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import { channelErrors, channelStatus } from "../channels/index.js";
import { recordAudit } from "../audit/index.js";
import { outletErrors } from "../outlets/index.js";
import { dueReminders, reminderSettingsOf } from "./due.js";
import { saveSettings } from "./queries.js";
import {
  type ReminderCampaigns,
  type RunOutcome,
  type RunRefused,
  runDueShops,
  runReminders,
} from "./run.js";
import { runTemplate, withTemplateText } from "./cloud.js";
import type { ReminderSettingsDto, ReminderSettingsInput } from "./schemas.js";

/** The reminders service: settings, the dry-run preview and the run (run.ts). */
export function createReminderService(db: Db, campaigns: ReminderCampaigns, refused?: RunRefused) {
  return {
    /** The shop's reminder settings. */
    settings: (actor: Actor) => reminderSettingsOf(db, actor.tenantId),

    /**
     * Changes the shop's settings (owners only); `message: null` goes back to the default.
     * @throws KabarError 403, 400 `unknown_channel` (a number not of the shop),
     *   `reminder_template_required` (field `waTemplate`: a Cloud API number without a template),
     *   the campaigns' `wa_template_not_found` / `wa_template_not_approved` / `wa_template_params`
     */
    async updateSettings(actor: Actor, input: ReminderSettingsInput): Promise<ReminderSettingsDto> {
      requirePermission(actor, "campaigns.create");
      if (input.channelId && (await channelStatus(db, actor.tenantId, input.channelId)) === null) {
        throw channelErrors.unknownChannel({ field: "channelId" });
      }
      // A chosen Cloud API number sends only an approved template: both are checked together.
      if (input.channelId !== undefined || input.waTemplate !== undefined) {
        const current = await reminderSettingsOf(db, actor.tenantId);
        const channelId = input.channelId === undefined ? current.channelId : input.channelId;
        const waTemplate = input.waTemplate === undefined ? current.waTemplate : input.waTemplate;
        if (channelId) await runTemplate(db, campaigns, actor.tenantId, channelId, waTemplate);
      }
      if (Object.keys(input).length > 0) await saveSettings(db, actor.tenantId, input);
      return reminderSettingsOf(db, actor.tenantId);
    },

    /**
     * Who would get what today (the dry-run): sends nothing, changes nothing. On a Cloud API
     * number each text is what the template will say. An actor limited to outlets sees only
     * the reminders of their outlets' orders.
     * @throws KabarError 400 `reminder_template_required` and the campaigns' `wa_template_*` (cloud.ts)
     */
    async preview(actor: Actor, now?: Date) {
      const [due, settings] = await Promise.all([
        dueReminders(db, actor.tenantId, now, actor),
        reminderSettingsOf(db, actor.tenantId),
      ]);
      return withTemplateText(db, campaigns, actor.tenantId, settings, due);
    },

    /**
     * Sends today's due reminders as a campaign, once a day (run.ts). Owners only, and only
     * someone of every outlet (the run is the whole shop's day; the CLI and the job are).
     * @throws KabarError 403, 403 `all_outlets_only`, 409 `no_reminder_channel`, and the campaign start's errors
     */
    async run(actor: Actor, now?: Date): Promise<RunOutcome> {
      requirePermission(actor, "campaigns.start");
      // The run claims the shop's day for every outlet's reminders at once.
      if (actor.outletIds) throw outletErrors.allOutletsOnly();
      const outcome = await runReminders(db, campaigns, actor, now);
      if (outcome.ran)
        await recordAudit(db, actor, {
          action: "reminders.run",
          target: { type: "campaign", id: outcome.campaignId, name: outcome.date },
          changes: { customers: [null, outcome.customers], reminders: [null, outcome.reminders] },
        });
      return outcome;
    },

    /** The hourly sweep: runs each shop whose send hour has come today. @returns the shops that ran */
    runDueShops: (now?: Date) => runDueShops(db, campaigns, now, refused),
  };
}

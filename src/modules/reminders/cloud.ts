/**
 * How a reminder run sends on the shop's number: a WhatsApp Web or sandbox number sends
 * the shop's message as free text; a Cloud API number sends the approved WhatsApp template
 * of the settings (template.ts), checked by the campaigns' rules before anything is claimed,
 * so a missing or no longer approved template refuses the run with its reason and leaves
 * the day and the reminders as they were.
 */
import type { Db } from "../../db/client.js";
import type { ReminderWaTemplate } from "./schemas.js";
import { channelKind, firstConnectedChannel } from "../channels/index.js";
import { reminderErrors } from "./errors.js";
import { reminderColumns } from "./render.js";
import type { ReminderCampaigns } from "./ports.js";
import type { ReminderPreviewDto, ReminderSettingsDto } from "./schemas.js";
import { reminderTemplateRef, templateColumns } from "./template.js";

/** A run's template on a Cloud API number: what the campaign sends and the text a customer reads. */
interface RunTemplate {
  /** The shop's template with the reminder variables as the run's columns. */
  ref: ReminderWaTemplate;
  /** The text the customer reads (the approved body filled in) for their run columns. */
  render(customer: { name: string | null; phone: string; columns: string[] }, seed: string): string;
}

/**
 * The template a run on `channelId` sends; null when the number sends free text.
 * @throws KabarError 400 `reminder_template_required` (a Cloud API number, no template),
 *   and the campaigns' `wa_template_not_found` / `wa_template_not_approved` / `wa_template_params`
 */
export async function runTemplate(
  db: Db,
  campaigns: Pick<ReminderCampaigns, "waTemplate">,
  tenantId: string,
  channelId: string,
  waTemplate: ReminderWaTemplate | null,
): Promise<RunTemplate | null> {
  if ((await channelKind(db, tenantId, channelId)) !== "cloud_api") return null;
  if (!waTemplate) throw reminderErrors.templateRequired();
  const ref = reminderTemplateRef(waTemplate);
  const render = await campaigns.waTemplate(tenantId, channelId, ref);
  return { ref, render };
}

/** A customer's run columns: the template's when the run sends one (no blank parameter). */
export function runColumns(
  settings: Pick<ReminderSettingsDto, "message">,
  m: ReminderPreviewDto["messages"][number],
  seed: string,
  template: RunTemplate | null,
): string[] {
  const columns = reminderColumns(
    settings.message,
    { name: m.name, phone: m.phone, items: m.items.map((i) => i.name), suggestions: m.suggestions },
    seed,
  );
  return template ? templateColumns(columns) : columns;
}

/**
 * The dry-run on the number the run would use: on a Cloud API number each customer's text
 * is what the template will say to them.
 * @throws what {@link runTemplate} throws
 */
export async function withTemplateText(
  db: Db,
  campaigns: Pick<ReminderCampaigns, "waTemplate">,
  tenantId: string,
  settings: ReminderSettingsDto,
  due: ReminderPreviewDto,
): Promise<ReminderPreviewDto> {
  const channelId = settings.channelId ?? (await firstConnectedChannel(db, tenantId));
  if (!channelId || due.messages.length === 0) return due;
  const template = await runTemplate(db, campaigns, tenantId, channelId, settings.waTemplate);
  if (!template) return due;
  const messages = due.messages.map((m) => {
    const seed = `${m.contactId}:${due.date}`;
    const columns = runColumns(settings, m, seed, template);
    return { ...m, text: template.render({ name: m.name, phone: m.phone, columns }, seed) };
  });
  return { ...due, messages };
}

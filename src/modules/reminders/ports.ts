/** What the reminders module needs of other modules, given by the composition root (src/services.ts). */
import type { Actor } from "../../lib/actor.js";
import type { ReminderWaTemplate } from "./schemas.js";

/** What the run needs of the campaigns module (the composition root passes it in: campaigns reads this module's run). */
export interface ReminderCampaigns {
  /** Creates and starts a campaign as `actor`. @returns its id */
  send(
    actor: Actor,
    input: {
      name: string;
      channelId: string;
      body: string;
      /** Cloud API numbers: the approved template sent instead of `body` (cloud.ts). */
      waTemplate?: ReminderWaTemplate;
      audience: { type: "reminders"; runId: string };
    },
  ): Promise<string>;
  /** Starts a draft campaign as `actor` (one a killed run made and never started). */
  start(actor: Actor, campaignId: string): Promise<void>;
  /**
   * Checks a WhatsApp template on a Cloud API number by the campaigns' rules (synced,
   * APPROVED, every parameter given).
   * @returns the text a customer reads for their values ({{1}}… their run columns)
   * @throws KabarError 400 `wa_template_not_found`, `wa_template_not_approved`, `wa_template_params`
   */
  waTemplate(
    tenantId: string,
    channelId: string,
    ref: ReminderWaTemplate,
  ): Promise<(customer: { name: string | null; phone: string; columns: string[] }, seed: string) => string>;
}

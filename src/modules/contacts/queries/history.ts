/**
 * The rows a contact's history is read in. The statements are the inbox's and the
 * campaigns' own (they own those tables, DESIGN §3.4), passed in by the composition root
 * (`ContactHistorySources` in `../history.ts`); only their row types are named here.
 */
import type { campaignRecipients, campaigns, conversations, messages } from "../../../db/schema/index.js";

/** A stored message (the inbox's `messages`). */
export type HistoryMessageRow = typeof messages.$inferSelect;
/** A conversation's status (the inbox's `conversations`). */
export type HistoryConversationStatus = (typeof conversations.$inferSelect)["status"];
/** A stored campaign recipient (the campaigns' `campaign_recipients`). */
export type HistoryRecipientRow = typeof campaignRecipients.$inferSelect;
/** A campaign's status (the campaigns' `campaigns`). */
export type HistoryCampaignStatus = (typeof campaigns.$inferSelect)["status"];

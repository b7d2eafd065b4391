/**
 * The inbox module's public surface. The inbox owns `conversations` and `messages`: every
 * statement that writes a message is in its queries/ folder, and other modules write
 * messages only through the functions exported here (DESIGN.md §3.4).
 */
export { createIntakeService, isOptOut, type IntakeService } from "./intake.js";
export { createConversationService, type ConversationService } from "./conversations.js";
export { createQuickReplyService, type QuickReplyService } from "./quick-replies.js";
export { startInboxListener } from "./listener.js";
export { startSnoozeSweep, sweepSnoozed } from "./state.js";
export { insertAutoReply, type AutoReplyInsert } from "./queries/outgoing.js";
export {
  applyFailedReceipts,
  applyReceipts,
  insertCampaignMessages,
  recentSendTimes,
  recentSendTimesOfTenant,
} from "./queries/campaign.js";
export {
  conversationsOfContact,
  latestMessagesOfContact,
  messageCountsOfContact,
  type ContactConversationRow,
} from "./queries/history.js";
export { inboxErrors } from "./errors.js";

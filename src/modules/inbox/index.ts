/**
 * The inbox module's public surface. The inbox owns `conversations` and `messages`: every
 * statement that writes a message is in its queries/ folder, and other modules write
 * messages only through the functions exported here (DESIGN.md §3.4).
 */
export { createIntakeService, type IntakeService } from "./intake.js";
export { createConversationService } from "./conversations.js";
export { createQuickReplyService } from "./quick-replies.js";
export { startInboxListener } from "./listener.js";
export { startSnoozeSweep } from "./state.js";
export { insertNote } from "./queries/conversations.js";
export { insertAutoReply, insertSentMessage } from "./queries/outgoing.js";
export {
  applyFailedReceipts,
  applyReceipts,
  insertCampaignMessages,
  recentSendTimes,
  recentSendTimesOfTenant,
  requeueCampaignMessages,
} from "./queries/campaign.js";
export {
  conversationParties,
  conversationsOfContact,
  latestMessagesOfContact,
  messageCountsOfContact,
} from "./queries/history.js";
export { contactWrote, poolWriters } from "./queries/warm.js";
export { inboxErrors } from "./errors.js";

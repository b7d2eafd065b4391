/**
 * The inbox module's public surface: inbound messages, conversations, quick replies, and
 * what keeps them moving (the status listener, the snooze sweep).
 */
export { createInboxService, type InboxService } from "./service.js";
export { createConversationService } from "./conversations.js";
export { createQuickReplyService } from "./quick-replies.js";
export { startInboxListener } from "./listener.js";
export { startSnoozeSweep } from "./state.js";
export { inboxErrors } from "./errors.js";

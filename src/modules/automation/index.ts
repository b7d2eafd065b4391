/** The automation module's public surface: rules, the auto-reply engine and its sending job. */
export { createAutomationService } from "./service.js";
export { autoReplyEngine, type AutoReplyEngineOptions, type IncomingMessageRef } from "./engine.js";
export { autoReplyJob } from "./jobs/auto-reply.js";
export { automationErrors } from "./errors.js";

/** The automation module's public surface: rules and the auto-reply engine and its sending job. */
export { createAutomationService, type AutomationService } from "./service.js";
export { startAutoReplyEngine, type AutoReplyEngineOptions, type AutoReplyJob } from "./engine.js";
export { autoReplyWorker } from "./send.js";

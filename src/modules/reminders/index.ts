/** The reminders module's public surface: repeat-order reminders with cross-sell. */
export { createReminderService } from "./service.js";
export { planFromHistory, reminderOrderHook } from "./plan.js";

/** The reminders module's public surface: repeat-order reminders with cross-sell. */
export { createReminderService } from "./service.js";
export { planFromHistory, reminderOrderHook } from "./plan.js";
export { reminderRunColumns, reminderRunJoin } from "./queries.js";
export { remindersDailyJob } from "./jobs/reminders-daily.js";
export type { ReminderCampaigns } from "./run.js";
export { reminderErrors } from "./errors.js";
export { handleReminderReply } from "./replies.js";

/**
 * The `reminders-daily` job: every hour on the hour, each shop whose daily reminder run is
 * on and whose local hour has reached its send hour (default 09:00 in its zone: WIB, WITA
 * or WIT) sends today's due reminders as a campaign, once a day (run.ts). A shop whose
 * run fails does not stop the others: the job fails afterwards naming the failed shops.
 */
import { z } from "zod";
import { defineJob } from "../../../jobs/define.js";
import type { createReminderService } from "../service.js";

/** Hourly (pg-boss cron, UTC); where channels are held; one retry (the next hour runs again anyway). */
export const remindersDailyJob = defineJob({
  id: "reminders-daily",
  payload: z.object({}),
  retry: { limit: 1, delaySeconds: 300, backoff: false },
  runsIn: ["channels"],
  cron: "0 * * * *",
  handler: async (_p, _run, deps: { reminders: ReturnType<typeof createReminderService> }) => {
    await deps.reminders.runDueShops();
  },
});

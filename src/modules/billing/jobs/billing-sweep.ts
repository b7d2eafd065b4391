/**
 * The `billing-sweep` job (SaaS mode): every minute, subscriptions whose trial, period or
 * grace has ended move on (trialing → expired, active → past_due → expired; sending stops
 * with `expired`), and active ones start their next monthly message allowance. In single
 * mode it does nothing.
 */
import { z } from "zod";
import { defineJob } from "../../../jobs/define.js";
import type { BillingService } from "../service.js";

/** Every minute (pg-boss cron, UTC); where channels are held; one retry (the next minute runs anyway). */
export const billingSweepJob = defineJob({
  id: "billing-sweep",
  payload: z.object({}),
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  runsIn: ["channels"],
  cron: "* * * * *",
  handler: async (_p, _run, deps: { billing: BillingService }) => {
    await deps.billing.sweep();
  },
});

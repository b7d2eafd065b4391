import { z } from "zod";

/** GET /stats/overview: how many days back (today included). */
export const overviewQuery = z.object({
  days: z.enum(["7", "30"]).default("7").transform(Number).describe("7 or 30 days, today included"),
  outletId: z
    .uuid()
    .optional()
    .describe(
      "Only this outlet's figures; default every outlet the caller works in, combined (unknown or outside the caller's outlets: 404 `outlet_not_found`)",
    ),
});

const n = z.number().int();
/** What happened on one day (or in a period): counted at the time each thing happened. */
export const dayCountsSchema = z.object({
  sent: n.describe("Campaign messages handed to the network"),
  delivered: n,
  read: n,
  failed: n.describe("Campaign recipients that failed"),
  replied: n.describe("Campaign recipients who replied"),
  optOuts: n.describe("Contacts who opted out"),
  suspectedDrops: n.describe(
    "Campaign recipients sent that day still without a delivery receipt after the window (suspected drops)",
  ),
});
export type DayCounts = z.infer<typeof dayCountsSchema>;

export const overviewSchema = z.object({
  timeZone: z.string().describe("The shop's IANA time zone; days are its calendar days"),
  days: z
    .array(dayCountsSchema.extend({ date: z.string().describe("YYYY-MM-DD in the shop time zone") }))
    .describe("Oldest first; the last is today"),
  totals: dayCountsSchema,
  today: dayCountsSchema,
});
export type Overview = z.infer<typeof overviewSchema>;

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(dayCountsSchema, { id: "DayCounts" });
z.globalRegistry.add(overviewSchema, { id: "StatsOverview" });

import type { App, HttpOptions } from "../../http/types.js";
import { overviewQuery, overviewSchema } from "./schemas.js";

/** Dashboard figures. */
export function statsRoutes(app: App, { services }: HttpOptions): void {
  app.get(
    "/stats/overview",
    {
      schema: {
        tags: ["stats"],
        querystring: overviewQuery,
        description:
          "Per-day counts of the last 7 or 30 days (the shop's calendar days), their totals and today's",
        response: { 200: overviewSchema },
      },
    },
    (req) => services.stats.overview(req.actor, req.query.days, Date.now(), req.query.outletId),
  );
}

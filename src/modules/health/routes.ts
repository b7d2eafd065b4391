import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { channelHealthSchema, channelHealthSummarySchema } from "./schemas.js";

/** Channel health (GET /channels/:id/health) and every number's score (GET /channels/health). */
export function healthRoutes(app: App, { services }: HttpOptions): void {
  app.get(
    "/channels/health",
    {
      schema: {
        tags: ["channels"],
        summary: "Every number's health score and how many new customers it can reach today",
        response: { 200: z.array(channelHealthSummarySchema) },
      },
    },
    (req) => services.health.list(req.actor),
  );
  app.get(
    "/channels/:id/health",
    {
      schema: {
        tags: ["channels"],
        params: z.object({ id: z.uuid() }),
        response: { 200: channelHealthSchema },
      },
    },
    (req) => services.health.channel(req.actor, req.params.id),
  );
}

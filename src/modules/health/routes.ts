import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { channelHealthSchema } from "./schemas.js";

/** Channel health (GET /channels/:id/health). */
export function healthRoutes(app: App, { services }: HttpOptions): void {
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

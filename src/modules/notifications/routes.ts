import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { notificationListSchema, notificationSchema, notificationsQuery } from "./schemas.js";

const tags = ["notifications"];

/** The shop's notifications: list, mark one read, mark all read. Any signed-in user. */
export function notificationRoutes(app: App, { services }: HttpOptions): void {
  app.get(
    "/notifications",
    { schema: { tags, querystring: notificationsQuery, response: { 200: notificationListSchema } } },
    (req) => services.notifications.list(req.actor, req.query),
  );
  app.post(
    "/notifications/:id/read",
    { schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: notificationSchema } } },
    (req) => services.notifications.markRead(req.actor, req.params.id),
  );
  app.post(
    "/notifications/read-all",
    { schema: { tags, response: { 200: z.object({ marked: z.number().int() }) } } },
    (req) => services.notifications.markAllRead(req.actor),
  );
}

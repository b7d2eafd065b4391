import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import {
  codStateSchema,
  orderMessageSchema,
  orderMessageSettingsSchema,
  previewBody,
  previewSchema,
} from "./schemas.js";

/** Order messages: the shop's settings, the preview of a text, an order's message log. */
export function orderMessageRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["order-messages"];
  app.get(
    "/order-messages/settings",
    {
      schema: {
        tags,
        description:
          "The thank-you, status and COD messages in force (the defaults until the shop saves its own)",
        response: { 200: orderMessageSettingsSchema },
      },
    },
    (req) => services.orderMessages.settings(req.actor),
  );
  app.put(
    "/order-messages/settings",
    {
      schema: {
        tags,
        body: orderMessageSettingsSchema,
        description: "Saves the order-message settings whole (owners only)",
        response: { 200: orderMessageSettingsSchema },
      },
    },
    (req) => services.orderMessages.saveSettings(req.actor, req.body),
  );
  app.post(
    "/order-messages/preview",
    {
      schema: {
        tags,
        body: previewBody,
        description: "Renders an event's text for one of the shop's orders, or a sample order",
        response: { 200: previewSchema },
      },
    },
    (req) => services.orderMessages.preview(req.actor, req.body),
  );
  app.get(
    "/orders/:id/messages",
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid() }),
        description: "The order's messages (thank-you, status, COD), latest first, with what became of each",
        response: { 200: z.array(orderMessageSchema) },
      },
    },
    (req) => services.orderMessages.ofOrder(req.actor, req.params.id),
  );
  app.get(
    "/orders/:id/cod",
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid() }),
        description:
          "A COD order's confirmation: waiting for YA / BATAL, answered, flagged for CS (COD belum dikonfirmasi) or closed by a person; null when the order never waited for one",
        response: { 200: codStateSchema.nullable() },
      },
    },
    (req) => services.orderMessages.codOf(req.actor, req.params.id),
  );
}

import type { App, HttpOptions } from "../../http/types.js";
import { reminderPreviewSchema, reminderSettingsBody, reminderSettingsSchema } from "./schemas.js";

/** Repeat-order reminders: today's dry-run and the shop's settings. */
export function reminderRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["reminders"];
  app.get(
    "/reminders/preview",
    {
      schema: {
        tags,
        description:
          "Who would get a reminder today (the shop's date), with each rendered message and its suggestions, and the reminders that would be skipped; sends and changes nothing",
        response: { 200: reminderPreviewSchema },
      },
    },
    (req) => services.reminders.preview(req.actor),
  );
  app.get(
    "/reminders/settings",
    {
      schema: {
        tags,
        description: "The shop's reminder settings",
        response: { 200: reminderSettingsSchema },
      },
    },
    (req) => services.reminders.settings(req.actor),
  );
  app.put(
    "/reminders/settings",
    {
      schema: {
        tags,
        body: reminderSettingsBody,
        description: "Changes the shop's reminder settings (owners only); message null: the default text",
        response: { 200: reminderSettingsSchema },
      },
    },
    (req) => services.reminders.updateSettings(req.actor, req.body),
  );
}

import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { contactRfmSchema, segmentsOverviewSchema, thresholdsBody } from "./schemas.js";

/** RFM segments: the overview, a refresh, the thresholds, and one contact's figures. */
export function segmentRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["segments"];
  app.get(
    "/segments",
    {
      schema: {
        tags,
        description:
          "Each RFM segment with its customers, the shop's thresholds and when they were computed (nightly at 02:00 WIB, or on demand).",
        response: { 200: segmentsOverviewSchema },
      },
    },
    (req) => services.segments.overview(req.actor),
  );
  app.post(
    "/segments/refresh",
    {
      schema: {
        tags,
        description: "Recomputes the shop's segments now",
        response: { 200: segmentsOverviewSchema },
      },
    },
    (req) => services.segments.refresh(req.actor),
  );
  app.put(
    "/segments/settings",
    {
      schema: {
        tags,
        body: thresholdsBody,
        description: "Changes the thresholds (owners only) and recomputes the segments",
        response: { 200: segmentsOverviewSchema },
      },
    },
    (req) => services.segments.updateThresholds(req.actor, req.body),
  );
  app.get(
    "/contacts/:id/rfm",
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid() }),
        description: "The contact's RFM figures and segment; null when they have no order",
        response: { 200: contactRfmSchema.nullable() },
      },
    },
    async (req) => {
      await services.contacts.get(req.actor, req.params.id); // 404 for a contact not in the shop
      return services.segments.ofContact(req.actor, req.params.id);
    },
  );
}

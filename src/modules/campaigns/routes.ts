import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import {
  estimateBody,
  estimateSchema,
  reportQuery,
  campaignListQuery,
  campaignSchema,
  createCampaignBody,
  recipientSchema,
  recipientsQuery,
  resendDropsBody,
  scheduleBody,
  startBody,
  updateCampaignBody,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/** Campaign lifecycle and the per-recipient report. */
export function campaignRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["campaigns"];
  const one = { 200: campaignSchema };
  app.get(
    "/campaigns",
    {
      schema: {
        tags,
        querystring: campaignListQuery,
        response: { 200: z.array(campaignSchema) },
      },
    },
    (req) => services.campaigns.list(req.actor, req.query.status),
  );
  app.post(
    "/campaigns",
    { schema: { tags, body: createCampaignBody, response: { 201: campaignSchema } } },
    async (req, reply) => reply.status(201).send(await services.campaigns.create(req.actor, req.body)),
  );
  app.post(
    "/campaigns/estimate",
    {
      schema: {
        tags,
        body: estimateBody,
        description: "Recipients of an audience and how long sending takes under the channel's pacing policy",
        response: { 200: estimateSchema },
      },
    },
    (req) => services.campaignEstimates.estimate(req.actor, req.body),
  );
  app.get(
    "/campaigns/:id/report",
    {
      schema: {
        tags,
        params: idParams,
        querystring: reportQuery,
        description:
          "The per-recipient report as CSV or XLSX in the shop's language (tenant locale): number, name, status and reason in the web app's words, and sent / delivered / read / replied times in the shop's time zone (XLSX date cells; dd/mm/yyyy hh:mm text in CSV)",
      },
    },
    async (req, reply) => {
      const file = await services.campaignReports.report(req.actor, req.params.id, req.query.format);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .send(file.stream);
    },
  );
  app.get("/campaigns/:id", { schema: { tags, params: idParams, response: one } }, (req) =>
    services.campaigns.get(req.actor, req.params.id),
  );
  app.patch(
    "/campaigns/:id",
    { schema: { tags, params: idParams, body: updateCampaignBody, response: one } },
    (req) => services.campaigns.update(req.actor, req.params.id, req.body),
  );
  app.post(
    "/campaigns/:id/start",
    { schema: { tags, params: idParams, body: startBody, response: one } },
    (req) => services.campaigns.start(req.actor, req.params.id, { allowPartial: req.body?.allowPartial }),
  );
  app.post(
    "/campaigns/:id/schedule",
    { schema: { tags, params: idParams, body: scheduleBody, response: one } },
    async (req) => {
      const tz = req.body.timeZone ?? (await services.tenants.get(req.actor)).timeZone;
      return services.campaigns.schedule(req.actor, req.params.id, req.body.at, tz);
    },
  );
  app.post("/campaigns/:id/pause", { schema: { tags, params: idParams, response: one } }, (req) =>
    services.campaigns.pause(req.actor, req.params.id),
  );
  app.post("/campaigns/:id/resume", { schema: { tags, params: idParams, response: one } }, (req) =>
    services.campaigns.resume(req.actor, req.params.id),
  );
  app.post("/campaigns/:id/cancel", { schema: { tags, params: idParams, response: one } }, (req) =>
    services.campaigns.cancel(req.actor, req.params.id),
  );
  app.post(
    "/campaigns/:id/retry-failed",
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ requeued: z.number().int(), campaign: campaignSchema }) },
      },
    },
    (req) => services.campaigns.retryFailed(req.actor, req.params.id),
  );
  app.post(
    "/campaigns/:id/resend-drops",
    {
      schema: {
        tags,
        params: idParams,
        body: resendDropsBody,
        description:
          "A new draft campaign with the same message to exactly the contacts still suspected drops (sent, no delivery receipt) when it starts, on another number of the shop (never the same: 400 same_channel)",
        response: { 201: campaignSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await services.campaigns.resendDrops(req.actor, req.params.id, req.body)),
  );
  app.get(
    "/campaigns/:id/recipients",
    {
      schema: {
        tags,
        params: idParams,
        querystring: recipientsQuery,
        response: { 200: z.array(recipientSchema) },
      },
    },
    (req) => services.campaigns.recipients(req.actor, req.params.id, req.query),
  );
}

import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { PACING_PRESET_INFO, PACING_PRESETS } from "../../channels/pacing.js";
import {
  channelLinkSchema,
  channelSchema,
  createChannelBody,
  pairingCodeBody,
  pacingPresetSchema,
  pairingCodeSchema,
  updateChannelBody,
  syncedWaTemplateSchema,
  createWaTemplateBody,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/** Channels and their pacing presets. */
export function channelRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["channels"];
  const one = { 200: channelSchema };
  app.get("/channels", { schema: { tags, response: { 200: z.array(channelSchema) } } }, (req) =>
    services.channels.list(req.actor),
  );
  app.get(
    "/channels/pacing-presets",
    { schema: { tags, response: { 200: z.array(pacingPresetSchema) } } },
    async () =>
      Object.entries(PACING_PRESETS).map(([name, policy]) => ({
        name: name as keyof typeof PACING_PRESETS,
        policy,
        ...PACING_PRESET_INFO[name as keyof typeof PACING_PRESETS],
      })),
  );
  app.post(
    "/channels",
    { schema: { tags, body: createChannelBody, response: { 201: channelSchema } } },
    async (req, reply) => reply.status(201).send(await services.channels.create(req.actor, req.body)),
  );
  app.get("/channels/:id", { schema: { tags, params: idParams, response: one } }, (req) =>
    services.channels.get(req.actor, req.params.id),
  );
  app.get(
    "/channels/:id/link",
    { schema: { tags, params: idParams, response: { 200: channelLinkSchema } } },
    (req) => services.channels.link(req.actor, req.params.id),
  );
  app.patch(
    "/channels/:id",
    { schema: { tags, params: idParams, body: updateChannelBody, response: one } },
    (req) => services.channels.update(req.actor, req.params.id, req.body),
  );
  app.post(
    "/channels/:id/wa-templates/sync",
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ synced: z.number().int(), removed: z.number().int() }) },
      },
    },
    (req) => services.channels.syncTemplates(req.actor, req.params.id),
  );
  app.get(
    "/channels/:id/wa-templates",
    { schema: { tags, params: idParams, response: { 200: z.array(syncedWaTemplateSchema) } } },
    (req) => services.channels.templates(req.actor, req.params.id),
  );
  app.post(
    "/channels/:id/wa-templates",
    {
      schema: {
        tags,
        params: idParams,
        body: createWaTemplateBody,
        response: { 201: syncedWaTemplateSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await services.channels.createTemplate(req.actor, req.params.id, req.body)),
  );
  app.delete(
    "/channels/:id/wa-templates/:name",
    {
      schema: {
        tags,
        params: idParams.extend({ name: z.string().min(1).max(512) }),
        response: { 200: z.object({ removed: z.number().int() }) },
      },
    },
    (req) => services.channels.deleteTemplate(req.actor, req.params.id, req.params.name),
  );
  app.post("/channels/:id/connect", { schema: { tags, params: idParams, response: one } }, (req) =>
    services.channels.connect(req.actor, req.params.id),
  );
  app.post("/channels/:id/disconnect", { schema: { tags, params: idParams, response: one } }, (req) =>
    services.channels.disconnect(req.actor, req.params.id),
  );
  app.post("/channels/:id/logout", { schema: { tags, params: idParams, response: one } }, (req) =>
    services.channels.logout(req.actor, req.params.id),
  );
  app.post(
    "/channels/:id/pairing-code",
    { schema: { tags, params: idParams, body: pairingCodeBody, response: { 200: pairingCodeSchema } } },
    (req) => services.channels.requestPairingCode(req.actor, req.params.id, req.body.phone),
  );
}

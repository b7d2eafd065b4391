import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import {
  phoneMessageSchema,
  phoneSendBody,
  phoneSentSchema,
  restrictionFaultBodies,
  sandboxPhoneSchema,
} from "./schemas.js";

const phoneParams = z.object({ phone: z.string().regex(/^\+\d{7,15}$/) });
const channelParams = z.object({ id: z.uuid() });

/** The sandbox network's virtual phones and fault injection. */
export function sandboxRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["sandbox"];
  app.get("/sandbox/phones", { schema: { tags, response: { 200: z.array(sandboxPhoneSchema) } } }, (req) =>
    services.sandbox.listPhones(req.actor),
  );
  app.get(
    "/sandbox/phones/:phone/messages",
    { schema: { tags, params: phoneParams, response: { 200: z.array(phoneMessageSchema) } } },
    (req) => services.sandbox.phoneMessages(req.actor, req.params.phone),
  );
  app.post(
    "/sandbox/phones/:phone/messages",
    {
      schema: {
        tags,
        params: phoneParams,
        body: phoneSendBody,
        response: { 200: phoneSentSchema },
      },
    },
    (req) => services.sandbox.sendFromPhone(req.actor, req.params.phone, req.body.channelId, req.body.text),
  );
  app.post(
    "/sandbox/channels/:id/scan",
    { schema: { tags, params: channelParams, response: { 200: z.object({ scanned: z.boolean() }) } } },
    async (req) => ({
      scanned: await services.sandbox.scan(req.actor, req.params.id),
    }),
  );
  app.post(
    "/sandbox/channels/:id/faults",
    {
      schema: {
        tags,
        params: channelParams,
        body: z.discriminatedUnion("type", [
          z.object({ type: z.literal("disconnect") }),
          z.object({ type: z.literal("logout") }),
          z.object({ type: z.literal("ban") }),
          z.object({ type: z.literal("rate_limit"), count: z.number().int().min(1).max(10_000) }),
          z.object({ type: z.literal("clear") }),
          ...restrictionFaultBodies,
        ]),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await services.sandbox.injectFault(req.actor, req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
}

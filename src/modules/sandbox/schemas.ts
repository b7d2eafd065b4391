/** The sandbox API contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";
import { MEDIA_TYPES, NEW_CHAT_CAP_STATES } from "../../channels/transport.js";

/** A virtual customer of the shop's sandbox (GET /sandbox/phones). */
export const sandboxPhoneSchema = z.object({
  phone: z.string().describe("E.164"),
  name: z.string(),
  onWhatsApp: z.boolean(),
  readRate: z.number().describe("Share of received messages it reads, 0–1"),
  replyRate: z.number().describe("Share of received messages it replies to, 0–1"),
});

/** A file a channel sent to a virtual phone: the transport's `Media` (a link, not an uploaded id). */
const phoneMediaSchema = z.object({
  type: z.enum(MEDIA_TYPES),
  url: z.string(),
  mimeType: z.string().optional(),
  filename: z.string().optional(),
});

/**
 * A line of a virtual phone's chat (GET /sandbox/phones/:phone/messages): `in` = the phone
 * received it from a channel, `out` = the phone sent it. `at` is epoch ms.
 */
export const phoneMessageSchema = z.discriminatedUnion("direction", [
  z.object({
    direction: z.literal("in"),
    channelId: z.string(),
    messageId: z.string(),
    from: z.string().describe("The channel's number"),
    to: z.string().describe("The phone's number"),
    text: z.string().optional(),
    media: phoneMediaSchema.optional(),
    at: z.number(),
  }),
  z.object({
    direction: z.literal("out"),
    messageId: z.string(),
    from: z.string().describe("The phone's number"),
    to: z.string().describe("The channel's number"),
    text: z.string(),
    at: z.number(),
  }),
]);

/** POST /sandbox/phones/:phone/messages: the id of the message the phone sent. */
export const phoneSentSchema = z.object({ messageId: z.string() });

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(sandboxPhoneSchema, { id: "SandboxPhone" });
z.globalRegistry.add(phoneMessageSchema, { id: "PhoneMessage" });

/** POST /sandbox/phones/:phone/messages: the virtual phone writes `text` to the sandbox number `channelId`. */
export const phoneSendBody = z.object({ channelId: z.uuid(), text: z.string().trim().min(1).max(4096) });
z.globalRegistry.add(phoneSendBody, { id: "SendFromPhone" });

/**
 * The faults of POST /sandbox/channels/:id/faults that change a number's restrictions
 * (the sandbox's model, src/channels/sandbox/restrictions.ts):
 * - `cap`: the new-chat cap of the current cycle: `total` new chats allowed, `used` so far,
 *   or `state` (the fewest used that give it); what is left out keeps its value. Lasts
 *   until the cycle ends.
 * - `timelock`: WhatsApp bars new chats for `minutes` simulated minutes (cold sends get
 *   error 463 or are silently dropped).
 * - `unlock`: lifts the timelock.
 */
export const restrictionFaultBodies = [
  z
    .object({
      type: z.literal("cap"),
      state: z.enum(NEW_CHAT_CAP_STATES).optional(),
      total: z.number().int().min(1).max(100_000).optional(),
      used: z.number().int().min(0).max(100_000).optional(),
    })
    .refine((f) => f.used === undefined || f.total === undefined || f.used <= f.total, {
      path: ["used"],
      message: "used must not exceed total",
    })
    .refine((f) => f.state === undefined || f.used === undefined, {
      path: ["state"],
      message: "give state or used, not both",
    }),
  z.object({
    type: z.literal("timelock"),
    minutes: z
      .number()
      .positive()
      .max(60 * 24 * 30),
  }),
  z.object({ type: z.literal("unlock") }),
] as const;

/** The sandbox API contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";
import { MEDIA_TYPES } from "../../channels/transport.js";

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

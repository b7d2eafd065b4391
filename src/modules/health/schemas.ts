import { z } from "zod";
import { CHANNEL_STATUSES } from "../../channels/transport.js";

/** GET /channels/:id/health: how a channel is doing right now. */
export const channelHealthSchema = z.object({
  status: z.enum(CHANNEL_STATUSES),
  since: z.string().describe("When the channel entered `status` (ISO 8601)"),
  lastError: z.string().nullable().describe("Reason of the last status change, when there was one"),
  leaseHolder: z
    .string()
    .nullable()
    .describe("The Kabar process holding the live connection (hostname:pid:random); null when none does"),
  leaseExpiresAt: z
    .string()
    .nullable()
    .describe("Until when that process holds it unless it renews (ISO 8601)"),
  sent: z
    .object({ lastHour: z.number().int().min(0), lastDay: z.number().int().min(0) })
    .describe("Outbound messages of the channel in the last hour and the last 24 hours"),
  caps: z
    .object({ perHour: z.number().int().min(0), perDay: z.number().int().min(0) })
    .describe("Pacing caps; perDay is the effective daily cap today, warm-up included; 0 = no cap"),
});
/** A channel's health; see `channelHealthSchema`. */
export type ChannelHealthDto = z.infer<typeof channelHealthSchema>;

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(channelHealthSchema, { id: "ChannelHealth" });

/**
 * Actions on a sandbox channel that another Kabar process asks for (through
 * ChannelManager.control): the process that serves the HTTP request may not be the one
 * holding the channel, and only the holder's transport can act.
 */
import { z } from "zod";
import { NEW_CHAT_CAP_STATES, type InboundMessage } from "../transport.js";
import type { SandboxFault } from "./connection.js";

/** One forwarded action, as plain JSON. */
export type SandboxAction =
  | { type: "scan" }
  | { type: "fault"; fault: SandboxFault }
  | { type: "clear" }
  /** A virtual phone's message, already recorded by the sender's process. */
  | { type: "phone-message"; message: InboundMessage };

const fault = z.discriminatedUnion("type", [
  z.object({ type: z.literal("disconnect") }),
  z.object({ type: z.literal("logout") }),
  z.object({ type: z.literal("ban") }),
  z.object({ type: z.literal("rate_limit"), count: z.number().int().min(0) }),
  z.object({
    type: z.literal("cap"),
    state: z.enum(NEW_CHAT_CAP_STATES).optional(),
    total: z.number().int().min(1).optional(),
    used: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal("timelock"), minutes: z.number().positive() }),
  z.object({ type: z.literal("unlock") }),
]);

const action = z.discriminatedUnion("type", [
  z.object({ type: z.literal("scan") }),
  z.object({ type: z.literal("fault"), fault }),
  z.object({ type: z.literal("clear") }),
  z.object({
    type: z.literal("phone-message"),
    message: z.object({
      messageId: z.string(),
      from: z.string(),
      profileName: z.string().optional(),
      text: z.string().optional(),
      at: z.number(),
    }),
  }),
]);

/** The action in `json`, or null when it is not a sandbox action (ignored then). */
export function parseSandboxAction(json: unknown): SandboxAction | null {
  const r = action.safeParse(json);
  return r.success ? (r.data as SandboxAction) : null;
}

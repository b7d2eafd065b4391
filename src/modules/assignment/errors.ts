/** Errors of conversation assignment (agents, channel teams). */
import { defineErrors } from "../../lib/errors.js";

/** The assignment module's catalogue. */
export const assignmentErrors = defineErrors({
  agentNotFound: {
    code: "agent_not_found",
    status: 404,
    when: "The agent (user) in the path is not a user of the shop.",
    message: { id: "Agen tidak ditemukan", en: "agent not found" },
  },
  unknownAgent: {
    code: "unknown_agent",
    status: 400,
    when: "A body field (`userId`, `userIds.n`) names a user who is not a user of the shop; `fields` names it.",
    message: (p: { field: string }) => ({
      id: "Agen ini tidak ada di toko Anda",
      en: "No such agent in this shop",
      fields: { [p.field]: "unknown agent" },
    }),
  },
});

/**
 * The reactions module's public surface: what Kabar does about a customer's message once it
 * is stored (auto-reply, COD answer, reminder reply), as a job queued with the message.
 */
export { createInboundReactions } from "./react.js";
export { reactionEventHook } from "./hook.js";
export { inboundReactionJob } from "./jobs/inbound-reaction.js";

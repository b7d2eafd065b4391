/** The channels module's public surface for other modules. */
export { channelStatus, insertChannel, type ChannelInsert, type ChannelRow } from "./queries.js";

/** The channels module's public surface: the shop's channels (create, connect, pair, pacing). */
export { createChannelService, type ChannelService } from "./service.js";
export { channelErrors } from "./errors.js";
export { channelStatus, insertChannel, type ChannelInsert, type ChannelRow } from "./queries.js";

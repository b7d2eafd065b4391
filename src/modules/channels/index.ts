/** The channels module's public surface: the shop's channels (create, connect, pair, pacing). */
export { createChannelService } from "./service.js";
export { insertSandboxCloudApiChannel } from "./setup.js";
export { channelErrors } from "./errors.js";
export {
  channelKind,
  channelPacing,
  channelStatus,
  firstConnectedChannel,
  insertChannel,
} from "./queries.js";

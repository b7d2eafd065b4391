/**
 * The live Cloud API transports of this process, by channel id. Webhooks arrive over
 * HTTP, not over the transport's connection: the webhook job looks the channel's live
 * transport up here and hands it the messages and statuses, which it emits as
 * 'message' / 'receipt' events to the channel manager like any other transport.
 */
import type { CloudApiTransport } from "./transport.js";

/** Live transports by channel id; a transport is in it from `connect()` to `disconnect()` / `logout()`. */
export class CloudApiRegistry {
  private readonly live = new Map<string, CloudApiTransport>();

  /** The channel's live transport in this process, if any. */
  get(channelId: string): CloudApiTransport | undefined {
    return this.live.get(channelId);
  }

  /** Registers a transport (replacing an older one of the same channel). */
  add(transport: CloudApiTransport): void {
    this.live.set(transport.channelId, transport);
  }

  /** Unregisters a transport; a newer transport of the same channel stays. */
  remove(transport: CloudApiTransport): void {
    if (this.live.get(transport.channelId) === transport) this.live.delete(transport.channelId);
  }
}

/** The process-wide registry `createCloudApiKind()` fills by default. */
export const cloudApiTransports = new CloudApiRegistry();

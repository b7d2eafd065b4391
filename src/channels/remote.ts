import type { Db } from "../db/client.js";
import { setUnheldChannelStatus } from "./channel-rows.js";
import { channelLayerErrors } from "./errors.js";
import { currentLease } from "./leases.js";
import { forwardToHolder } from "./control.js";
import { LIVE_STATUSES } from "./manager.js";
import type { PacingPolicy } from "./pacing.js";

/** What the channel API asks of live channels; ChannelManager does it in a process holding channels. */
export interface ChannelControl {
  connect(channelId: string): Promise<void>;
  disconnect(channelId: string): Promise<void>;
  logout(channelId: string): Promise<void>;
  setPolicy(channelId: string, policy: PacingPolicy): void | Promise<void>;
}

/**
 * Channel actions from a process that holds no channels (KABAR_ROLE=web, the CLI): every
 * action is forwarded to the holder (forwardToHolder). A channel nobody holds is moved to
 * a status that tells the workers what to do at their next heartbeat: `connecting` (a
 * worker takes and connects it) or `disconnected` (none takes it).
 */
export function remoteChannelControl(db: Db): ChannelControl {
  const setStatus = (channelId: string, status: string, unless: readonly string[]) =>
    setUnheldChannelStatus(db, channelId, status, unless);
  return {
    async connect(channelId) {
      await setStatus(channelId, "connecting", LIVE_STATUSES);
      await forwardToHolder(db, channelId, "connect");
    },
    async disconnect(channelId) {
      if (await currentLease(db, channelId)) await forwardToHolder(db, channelId, "disconnect");
      else await setStatus(channelId, "disconnected", ["disconnected", "logged_out", "blocked"]);
    },
    /** @throws KabarError 409 `channel_not_held` when no process holds the channel (only its holder can unlink the device). */
    async logout(channelId) {
      if (!(await currentLease(db, channelId))) {
        throw channelLayerErrors.notHeld();
      }
      await forwardToHolder(db, channelId, "logout");
    },
    /** The holder reloads the policy from the database. */
    async setPolicy(channelId) {
      await forwardToHolder(db, channelId, "policy");
    },
  };
}

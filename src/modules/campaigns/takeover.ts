/**
 * What a number's claim takes over from the other numbers of its campaigns' pools (issue 15,
 * part 3: "a number that pauses hands its remaining recipients to the others"). Pure.
 *
 * - A number that stopped (banned, logged out, its Cloud API token expired, its WhatsApp Web
 *   session taken over: `STOPPED_STATUSES`) hands over all its pending recipients.
 * - A WhatsApp Web / sandbox number that may not start new chats now (the new-chat cap's
 *   second warning, the cap reached or its quota used up, an active reach-out timelock) hands
 *   over its pending cold recipients; it keeps sending to warm ones.
 * - A WhatsApp Web / sandbox number never takes from a Cloud API number (in a hybrid
 *   campaign those are new chats, which belong on the Cloud API); a Cloud API number takes
 *   only recipients with the template's values (queries/dispatch.ts `claimRecipients`).
 */
import type { Db } from "../../db/client.js";
import { coldModeOf } from "./governor.js";
import { STOPPED_STATUSES } from "./pool.js";
import { abandonUnsafeRecipients, type PoolPeerRow, poolPeers, type Takeover } from "./queries/dispatch.js";

/**
 * The take-over of a number of kind `kind` from its pool `peers` at `now` (epoch ms).
 * @returns the peers to take all pending recipients from, those to take cold ones from
 */
export function takeoverFrom(kind: string, peers: PoolPeerRow[], now: number): Takeover {
  const cloud = kind === "cloud_api";
  const eligible = peers.filter((p) => cloud || p.kind !== "cloud_api");
  const stopped = eligible.filter((p) => (STOPPED_STATUSES as readonly string[]).includes(p.status));
  const coldHeld = eligible.filter(
    (p) => !stopped.includes(p) && p.kind !== "cloud_api" && coldModeOf(p.restrictions, now).kind === "held",
  );
  return {
    stopped: stopped.map((p) => p.channel_id),
    coldHeld: coldHeld.map((p) => p.channel_id),
    needsTemplate: cloud,
  };
}

/**
 * What number `channel` takes over at `now` (epoch ms) in its running `campaigns` (id →
 * pool size): nothing for campaigns sent from one number (no query then). Recipients of a
 * stopped number that no other number may send are marked unknown on the way
 * (`abandonUnsafeRecipients`), so the campaign can finish.
 */
export async function takeoverFor(
  db: Db,
  channel: { id: string; kind: string },
  campaigns: Map<string, { poolSize: number }>,
  now: number,
): Promise<Takeover | undefined> {
  const pooled = [...campaigns].filter(([, c]) => c.poolSize > 1).map(([id]) => id);
  if (pooled.length === 0) return undefined;
  const t = takeoverFrom(channel.kind, await poolPeers(db, channel.id, pooled), now);
  if (t.stopped.length > 0) await abandonUnsafeRecipients(db, pooled, t.stopped);
  return t;
}

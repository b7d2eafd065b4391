/** A channel that can no longer send pauses its running campaigns, saying why. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { campaigns, channels } from "../src/db/schema/index.js";
import type { ChannelStatus } from "../src/channels/transport.js";
import { factory } from "./support/factory.js";
import { leaseDb, startManager, type LeaseDb, type TestManager } from "./support/leases.js";
import { waitFor } from "./support/wait.js";

let d: LeaseDb;
let m: TestManager;

beforeAll(async () => {
  d = await leaseDb();
  // Slower leases than the lease tests use: under a loaded machine a 3 s lease can lapse
  // between heartbeats and hand the channel over mid-test, which is not what this tests.
  m = await startManager(d, { ttlMs: 12_000, heartbeatMs: 2_000 });
});
afterAll(async () => {
  await m?.stop();
  await d?.drop();
});

describe("a channel that stops sending", () => {
  for (const [status, reason] of [
    ["blocked", "channel_blocked"],
    ["logged_out", "channel_logged_out"],
    ["needs_token", "channel_needs_token"],
    ["replaced", "channel_replaced"],
  ] as Array<[ChannelStatus, string]>) {
    it(`pauses its running campaigns when it becomes ${status}`, async () => {
      const [channelId] = await d.addChannels(1);
      // Connected as the manager saw it: it stored the status, so it listens to the transport.
      await waitFor(async () => {
        const [row] = await d.db
          .select({ status: channels.status })
          .from(channels)
          .where(eq(channels.id, channelId!));
        return row?.status === "connected" && m.manager.holds(channelId!) ? true : undefined;
      });
      // A running campaign with one recipient due in an hour, written in one transaction:
      // the dispatcher must never see it with nothing left to send (it would complete it
      // before the status change could pause it).
      const { campaign: c } = await factory(d).runningCampaign({
        channelId: channelId!,
        name: `Jalan ${status}`,
        recipient: { nextAttemptAt: new Date(Date.now() + 3_600_000) },
      });
      m.transportOf(channelId!)!.simulate(status);
      const paused = await waitFor(async () => {
        const [row] = await d.db.select().from(campaigns).where(eq(campaigns.id, c.id));
        return row?.status === "paused" ? row : undefined;
      });
      expect(paused.statusReason).toBe(reason);
    });
  }
});

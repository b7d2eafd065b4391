/**
 * A failed send never shortens the gap the pacing policy asks for, and a rate-limit
 * answer lengthens it (src/channels/pacing.ts, `rateLimitedGapMs`). Measured where the
 * network would see it: the times at which send calls reach the channel's transport.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { channels } from "../src/db/schema/index.js";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import { TransportError } from "../src/channels/transport.js";
import { factory } from "./support/factory.js";
import { leaseDb, startManager, type LeaseDb, type TestManager } from "./support/leases.js";
import { waitFor } from "./support/wait.js";

let d: LeaseDb;
let m: TestManager | undefined;

beforeAll(async () => {
  d = await leaseDb();
});
afterAll(async () => {
  await m?.stop();
  await d?.drop();
});

describe("pacing after a failed send", () => {
  it("keeps at least the preset gap after every failure, and doubles it after a rate limit", async () => {
    // The demo preset (0.5–1.5 s), its upper bound lowered to keep the test short.
    const policy = { ...PACING_PRESETS.demo, maxDelayMs: 600, precheckNumbers: false };
    const [channelId] = await d.addChannels(1);
    await d.db
      .update(channels)
      .set({ pacing: policy, pacingPreset: "custom" })
      .where(eq(channels.id, channelId!));
    m = await startManager(d, { ttlMs: 12_000, heartbeatMs: 2_000 });
    const transport = m.transportOf(channelId!)!;
    transport.failNext(
      new TransportError("rate_limited", "WhatsApp is rate-limiting this number (test)", true),
      new TransportError("network_error", "connection reset (test)", true),
    );

    await factory(d).runningCampaign({ channelId: channelId!, recipients: 5, name: "Jeda setelah gagal" });
    // Five first attempts: rate limited, network error, then three accepted.
    const sends = await waitFor(async () =>
      transport.sends.length >= 5 ? transport.sends.slice(0, 5) : undefined,
    );

    expect(sends.map((s) => s.error ?? "ok")).toEqual(["rate_limited", "network_error", "ok", "ok", "ok"]);
    const gaps = sends.slice(1).map((s, i) => s.at - sends[i]!.at);
    // After the rate limit (and the failure that followed it, the backoff lasting until a
    // send is accepted): at least twice the preset's minimum.
    const doubled = 2 * policy.minDelayMs;
    expect(gaps[0]).toBeGreaterThanOrEqual(doubled);
    expect(gaps[1]).toBeGreaterThanOrEqual(doubled);
    // Every other gap: at least the preset's minimum.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(policy.minDelayMs);
  });
});

/**
 * GET /channels/:id/health: status, the process holding the live connection, messages
 * sent in the last hour and day, and the pacing caps (daily cap with warm-up) — for the
 * tenant's own channels only.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import { channels } from "../src/db/schema/index.js";
import type { ChannelHealthDto } from "../src/modules/health/schemas.js";
import { addTenant, apiClient, errorOf, ok, signIn, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { labelReachableCustomers, sentCount, startCampaign, untilCampaign } from "./support/campaigns.js";
import { firstChannel, setPacing, untilChannelStatus } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;
let channelId: string;

const health = (id: string, as: Api = api) => ok(as<ChannelHealthDto>("GET", `/channels/${id}/health`));

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await firstChannel(api)).id;
  await untilChannelStatus(api, channelId, "connected");
});
afterAll(async () => k?.close());

describe("channel health", () => {
  it("shows the status, this process as the lease holder, and no sends yet", async () => {
    const h = await health(channelId);
    expect(h.status).toBe("connected");
    expect(Date.parse(h.since)).not.toBeNaN();
    expect(h.lastError).toBeNull();
    expect(h.leaseHolder).toBe(k.manager!.holder);
    expect(Date.parse(h.leaseExpiresAt!)).toBeGreaterThan(Date.now() - 1000);
    expect(h.sent).toEqual({ lastHour: 0, lastDay: 0 });
    expect(h.caps).toEqual({ perHour: 0, perDay: 0 }); // the demo preset has no caps
  });

  it("counts outbound messages in the last hour and the last day", async () => {
    await setPacing(api, channelId, "off");
    await labelReachableCustomers(k, api, "health", 5);
    const c = await startCampaign(api, {
      name: "Sehat",
      channelId,
      body: "Halo {{name}}",
      audience: { type: "labels", labels: ["health"], match: "any" },
    });
    const done = await untilCampaign(api, c.id, (x) => x.status === "completed");
    expect(sentCount(done)).toBe(5);
    // Two older messages: one 2 hours ago (in the day only), one 25 hours ago (in neither).
    await k.database.db.execute(sql`
      INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, status, created_at)
      SELECT tenant_id, channel_id, contact_id, 'out', external_id || age, text, 'sent', now() - age::interval
      FROM (SELECT * FROM messages WHERE channel_id = ${channelId} AND direction = 'out' LIMIT 1) m,
           (VALUES ('2 hours'), ('25 hours')) AS a(age)`);
    const h = await health(channelId);
    expect(h.sent).toEqual({ lastHour: 5, lastDay: 6 });
  });

  it("reports the effective daily cap, warm-up included", async () => {
    await setPacing(api, channelId, "safe");
    expect((await health(channelId)).caps).toEqual({ perHour: PACING_PRESETS.safe.perHour, perDay: 20 }); // day one of warm-up
    await k.database.db
      .update(channels)
      .set({ createdAt: sql`now() - interval '2 days 1 hour'` })
      .where(sql`${channels.id} = ${channelId}`);
    expect((await health(channelId)).caps.perDay).toBe(Math.round(20 * 1.8 ** 2)); // day three
    await setPacing(api, channelId, "balanced");
    expect((await health(channelId)).caps).toEqual({ perHour: 400, perDay: 3000 }); // no warm-up
  });

  it("shows no lease holder for a channel no process holds, and its last error", async () => {
    const c = await factory(k).channel({ name: "Mati", status: "logged_out", lastError: "device_removed" });
    const h = await health(c.id);
    expect(h).toMatchObject({
      status: "logged_out",
      lastError: "device_removed",
      leaseHolder: null,
      leaseExpiresAt: null,
      sent: { lastHour: 0, lastDay: 0 },
    });
  });

  it("is readable by an agent of the tenant, and is 404 for another tenant, like an unknown id", async () => {
    await factory(k).user("agent", { email: "agen@toko-contoh.test", password: "rahasia-agen-123" });
    const agent = apiClient(k.http!, {
      cookie: (await signIn(k.http!, "agen@toko-contoh.test", "rahasia-agen-123")).cookie,
    });
    expect((await health(channelId, agent)).leaseHolder).toBe(k.manager!.holder);

    const other = await addTenant(k, "Toko Lain", "pemilik@toko-lain.test", "rahasia-lain-123");
    const theirs = await other.api("GET", `/channels/${channelId}/health`);
    const unknown = await other.api("GET", `/channels/00000000-0000-4000-8000-000000000000/health`);
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(errorOf(theirs)).toEqual(errorOf(unknown));
    expect((await api("GET", "/channels/not-a-uuid/health")).status).toBe(404);
    expect((await apiClient(k.http!, null)("GET", `/channels/${channelId}/health`)).status).toBe(401);
  });
});

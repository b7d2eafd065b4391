/**
 * The dispatcher honours each channel's pacing policy (DESIGN.md §5), as a shop owner
 * sees it: caps hold messages back, quiet hours hold everything, repeated failures pause
 * the campaign, and "typing…" shows before a message. Each test runs on its own sandbox
 * channel, so sends of one test never count against another's caps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxTransport } from "../src/channels/sandbox/transport.js";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { TenantDto } from "../src/modules/tenants/service.js";
import { apiClient, ok, type Api } from "./support/api.js";
import {
  getCampaign,
  labelReachableCustomers,
  sentCount,
  startCampaign,
  untilCampaign,
} from "./support/campaigns.js";
import { connectedSandboxChannel, setPacing } from "./support/channels.js";
import { holds } from "./support/holds.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

/** A connected channel of its own with `overrides` on the "off" preset, one send at a time. */
async function pacedChannel(name: string, overrides: Parameters<typeof setPacing>[3]): Promise<ChannelDto> {
  const channel = await connectedSandboxChannel(api, name);
  await setPacing(api, channel.id, "off", { concurrency: 1, ...overrides });
  return channel;
}

/** Starts a campaign on `channel` to `count` reachable customers labelled `label`. */
async function campaignTo(
  channel: ChannelDto,
  label: string,
  count: number,
): Promise<{ campaign: CampaignDto; phones: string[] }> {
  const phones = await labelReachableCustomers(k, api, label, count);
  const campaign = await startCampaign(api, {
    name: label,
    channelId: channel.id,
    body: "Halo {{name|kak}}, stok baru datang!",
    audience: { type: "labels", labels: [label], match: "any" },
  });
  expect(campaign.counts.total).toBe(count);
  return { campaign, phones };
}

/** "HH:MM" in `timeZone`, `offsetMin` minutes from now. */
function wallClock(timeZone: string, offsetMin: number): string {
  const at = new Date(Date.now() + offsetMin * 60_000);
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

describe("pacing", () => {
  it("sends no more than perMinute messages a minute", async () => {
    const channel = await pacedChannel("Lima per menit", { perMinute: 5 });
    const { campaign } = await campaignTo(channel, "pacing-cap", 20);

    const first = await untilCampaign(api, campaign.id, (c) => sentCount(c) >= 5);
    expect(sentCount(first)).toBe(5);
    await holds("5 sent, 15 pending, still running", async () => {
      const c = await getCampaign(api, campaign.id);
      return sentCount(c) === 5 && c.counts.pending === 15 && c.status === "running";
    });
  });

  it("sends outside quiet hours, and nothing during quiet hours in the shop time zone, keeping the campaign running", async () => {
    const { timeZone } = await ok(api<TenantDto>("GET", "/tenant"));
    // The control: the same setup with quiet hours that begin in an hour: everything goes out.
    const later = { enabled: true, start: wallClock(timeZone, 60), end: wallClock(timeZone, 120) };
    const open = await campaignTo(
      await pacedChannel("Jam tenang nanti", { quietHours: later }),
      "pacing-awake",
      3,
    );
    const done = await untilCampaign(api, open.campaign.id, (c) => c.status === "completed");
    expect(sentCount(done)).toBe(3);

    // Quiet hours from an hour ago to an hour from now: nothing goes out.
    const quietHours = { enabled: true, start: wallClock(timeZone, -60), end: wallClock(timeZone, 60) };
    const channel = await pacedChannel("Jam tenang", { quietHours });
    const { campaign } = await campaignTo(channel, "pacing-quiet", 3);

    await holds("nothing sent, still running", async () => {
      const c = await getCampaign(api, campaign.id);
      return sentCount(c) === 0 && c.counts.pending === 3 && c.status === "running";
    });
  });

  it("pauses the campaign after N consecutive failures", async () => {
    const channel = await pacedChannel("Gagal beruntun", { pauseAfterConsecutiveFailures: 3 });
    await ok(
      api("POST", `/sandbox/channels/${channel.id}/faults`, { type: "rate_limit", count: 1_000 }),
      204,
    );
    const { campaign } = await campaignTo(channel, "pacing-failures", 20);

    const paused = await untilCampaign(api, campaign.id, (c) => c.status !== "running");
    expect([paused.status, paused.statusReason]).toEqual(["paused", "too_many_failures"]);
    expect(sentCount(paused)).toBe(0);
  });

  it('shows "typing…" to the customer before the message arrives', async () => {
    const channel = await pacedChannel("Mengetik", { typing: true, typingMs: { min: 1_500, max: 1_500 } });
    const transport: SandboxTransport = k.sandbox.transport({ id: channel.id, phone: channel.phone! });
    const { campaign, phones } = await campaignTo(channel, "pacing-typing", 1);
    const phone = phones[0]!;
    const received = async () =>
      (await k.sandboxStore.listMessagesForPhone(phone)).some(
        (m) => m.direction === "in" && m.channelId === channel.id,
      );

    await waitFor(async () => (transport.isTyping(phone) ? true : undefined));
    expect(await received()).toBe(false);
    await untilCampaign(api, campaign.id, (c) => sentCount(c) === 1);
    expect(await received()).toBe(true);
    expect(transport.isTyping(phone)).toBe(false);
  });
});

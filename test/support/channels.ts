/**
 * Helpers for tests about channels: create and connect a sandbox channel (scanning its QR),
 * wait for a status, set a pacing policy built from a preset, and read the owner's channels.
 */
import { PACING_PRESETS, type PacingPolicy, type PacingPresetName } from "../../src/channels/pacing.js";
import type { ChannelStatus } from "../../src/channels/transport.js";
import type { ChannelDto } from "../../src/modules/channels/schemas.js";
import { ok, type Api } from "./api.js";
import { waitFor } from "./wait.js";

/** GET /channels/:id. */
export function getChannel(api: Api, id: string): Promise<ChannelDto> {
  return ok(api<ChannelDto>("GET", `/channels/${id}`));
}

/** Waits until GET /channels/:id shows `status`; resolves with the channel. */
export function untilChannelStatus(
  api: Api,
  id: string,
  status: ChannelStatus,
  timeoutMs = 20_000,
): Promise<ChannelDto> {
  return waitFor(async () => {
    const c = await getChannel(api, id);
    return c.status === status ? c : undefined;
  }, timeoutMs);
}

/** The first channel the tenant has (the demo channel in a freshly seeded Kabar). */
export async function firstChannel(api: Api): Promise<ChannelDto> {
  const [channel] = await ok(api<ChannelDto[]>("GET", "/channels"));
  if (!channel) throw new Error("the tenant has no channel");
  return channel;
}

/** Sets a custom pacing policy: preset `base` with `overrides`, through PATCH /channels/:id. */
export async function setPacing(
  api: Api,
  id: string,
  base: PacingPresetName,
  overrides: Partial<PacingPolicy> = {},
): Promise<ChannelDto> {
  return ok(
    api<ChannelDto>("PATCH", `/channels/${id}`, { pacing: { ...PACING_PRESETS[base], ...overrides } }),
  );
}

/** A new sandbox channel of the tenant (with `more` of its fields: `outletId`…), its QR scanned by the sandbox phone, connected. */
export async function connectedSandboxChannel(
  api: Api,
  name: string,
  more: Record<string, unknown> = {},
): Promise<ChannelDto> {
  const channel = await ok(api<ChannelDto>("POST", "/channels", { ...more, name, kind: "sandbox" }), 201);
  await scanSandboxQr(api, channel.id);
  return untilChannelStatus(api, channel.id, "connected");
}

/**
 * Scans the QR code sandbox channel `id` shows, with the sandbox phone. A scan finds
 * nothing before the QR shows, and at the tests' time scale (0.001) the five QR codes of
 * one attempt last 100 ms in all: when they ran out (`disconnected`, `qr_timeout`) before
 * the scan, the channel is connected again for new ones, as a user would.
 */
async function scanSandboxQr(api: Api, id: string): Promise<void> {
  await waitFor(async () => {
    const c = await getChannel(api, id);
    if (c.status === "disconnected" && c.lastError === "qr_timeout")
      await ok(api("POST", `/channels/${id}/connect`));
    if (c.status !== "qr") return undefined;
    const { scanned } = await ok(api<{ scanned: boolean }>("POST", `/sandbox/channels/${id}/scan`));
    return scanned || undefined;
  });
}

/** A new sandbox Cloud API number of the tenant (no Meta account: the sandbox's in-process Graph), pacing off, connected. */
export async function sandboxCloudChannel(api: Api, name: string): Promise<ChannelDto> {
  const channel = await ok(
    api<ChannelDto>("POST", "/channels", {
      name,
      kind: "cloud_api",
      cloudApi: { sandbox: true },
      pacingPreset: "off",
    }),
    201,
  );
  return untilChannelStatus(api, channel.id, "connected");
}

/**
 * Helpers for Cloud API tests: a `cloud_api` channel row with sealed secrets pointing at
 * the fake Graph API, its transport built like the channel manager would, and webhook
 * payloads in Meta's format.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { PACING_PRESETS } from "../../src/channels/pacing.js";
import { CloudApiRegistry } from "../../src/channels/cloud-api/transport.js";
import { saveCloudApiSecrets, type CloudApiSecrets } from "../../src/channels/cloud-api/secrets.js";
import {
  type CloudApiTransport,
  createCloudApiKind,
  type CloudApiKindOptions,
} from "../../src/channels/cloud-api/transport.js";
import { channels } from "../../src/db/schema/index.js";
import type { ChannelDto } from "../../src/modules/channels/schemas.js";
import { ok, type Api } from "./api.js";
import { untilChannelStatus } from "./channels.js";
import type { FakeGraph } from "./fake-graph.js";
import type { TestKabar } from "./kabar.js";
import { defaultOutletId } from "./outlets.js";

/** The key these tests seal secrets with. */
export const SECRET_KEY = Buffer.alloc(32, 7);

/** A Cloud API channel of the test tenant. */
export interface CloudChannel {
  id: string;
  tenantId: string;
  config: Record<string, unknown>;
  secrets: CloudApiSecrets;
  /** The operator-level Graph host its transports use (the fake's). */
  graphBaseUrl: string;
}

/**
 * Inserts a `cloud_api` channel (pacing off) for the numbers of `graph`, and seals its
 * secrets. Its transports reach `graph` through the operator settings: start the Kabar
 * with `graph.operatorEnv`.
 */
export async function createCloudChannel(
  k: TestKabar,
  graph: FakeGraph,
  secrets: Partial<CloudApiSecrets> = {},
): Promise<CloudChannel> {
  const config = { phoneNumberId: graph.phoneNumberId, wabaId: graph.wabaId, graphVersion: "v21.0" };
  const [row] = await k.database.db
    .insert(channels)
    .values({
      tenantId: k.owner.tenantId,
      outletId: await defaultOutletId(k.database.db, k.owner.tenantId),
      name: "Cloud API",
      kind: "cloud_api",
      pacing: PACING_PRESETS.off,
      pacingPreset: "off",
      config,
    })
    .returning();
  const full: CloudApiSecrets = {
    accessToken: graph.accessToken,
    appSecret: "app-secret-rahasia",
    verifyToken: "verify-kabar-123",
    ...secrets,
  };
  await saveCloudApiSecrets(k.database.db, SECRET_KEY, row!, full);
  return { id: row!.id, tenantId: row!.tenantId, config, secrets: full, graphBaseUrl: graph.baseUrl };
}

/** A transport of `channel` from `createCloudApiKind`, media under a fresh data directory. */
export async function cloudTransport(
  k: TestKabar,
  channel: CloudChannel,
  opts: CloudApiKindOptions = {},
): Promise<{ transport: CloudApiTransport; registry: CloudApiRegistry; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), "kabar-cloud-"));
  const registry = opts.registry ?? new CloudApiRegistry();
  const kind = createCloudApiKind({
    registry,
    dataDir,
    reconnectDelaysMs: [60_000],
    graphBaseUrl: channel.graphBaseUrl,
    ...opts,
  });
  const transport = kind.create({
    channel: { id: channel.id, tenantId: channel.tenantId, phone: null, config: channel.config },
    db: k.database.db,
    secretKey: SECRET_KEY,
    mediaDir: join(dataDir, "media", channel.id),
    log: pino({ level: "silent" }),
  }) as CloudApiTransport;
  return { transport, registry, dataDir };
}

let serial = 0;
/** A fresh wamid-like id. */
export function wamid(): string {
  return `wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFDNBR${String(++serial).padStart(6, "0")}`;
}

/** A `messages` webhook payload for the number `phoneNumberId`. */
export function webhookPayload(
  phoneNumberId: string,
  value: { contacts?: Array<{ wa_id: string; name: string }>; messages?: unknown[]; statuses?: unknown[] },
): Record<string, unknown> {
  const v: Record<string, unknown> = {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: "6281100001234", phone_number_id: phoneNumberId },
  };
  if (value.contacts) v.contacts = value.contacts.map((c) => ({ profile: { name: c.name }, wa_id: c.wa_id }));
  if (value.messages) v.messages = value.messages;
  if (value.statuses) v.statuses = value.statuses;
  return {
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ value: v, field: "messages" }] }],
  };
}

/** A customer's message of `type` with its type object (`from` without "+"). */
export function inboundMessage(
  from: string,
  type: string,
  object: unknown,
  id = wamid(),
): Record<string, unknown> {
  return { from, id, timestamp: String(Math.floor(Date.now() / 1000)), type, [type]: object };
}

/** A status of a message Kabar sent. */
export function statusUpdate(
  id: string,
  status: string,
  recipient: string,
  errors?: unknown[],
): Record<string, unknown> {
  return {
    id,
    status,
    timestamp: String(Math.floor(Date.now() / 1000)),
    recipient_id: recipient,
    ...(errors ? { errors } : {}),
  };
}

/**
 * A `cloud_api` channel for the numbers of `graph`, added through `POST /channels` as an owner
 * would (secrets sealed by Kabar), resolved once connected. `cloudApi` overrides its settings.
 */
export async function addCloudChannel(
  api: Api,
  graph: FakeGraph,
  name = "WA Resmi",
  cloudApi: Record<string, string> = {},
): Promise<ChannelDto> {
  const channel = await ok(
    api<ChannelDto>("POST", "/channels", {
      name,
      kind: "cloud_api",
      cloudApi: {
        phoneNumberId: graph.phoneNumberId,
        wabaId: graph.wabaId,
        accessToken: graph.accessToken,
        appSecret: "rahasia-app",
        verifyToken: "verifikasi-123",
        ...cloudApi,
      },
    }),
    201,
  );
  return untilChannelStatus(api, channel.id, "connected");
}

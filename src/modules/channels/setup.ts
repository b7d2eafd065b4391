/**
 * The kind-specific part of adding a channel: what its row starts with. One function per
 * kind; a kind without one cannot be created in this build.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { ChannelKind } from "../../channels/factory.js";
import type { z } from "zod";
import { saveCloudApiSecrets } from "../../channels/cloud-api/secrets.js";
import type { Db } from "../../db/client.js";
import { commonErrors } from "../../lib/common-errors.js";
import { normalizePhone } from "../../lib/phone/normalize.js";
import { insertChannel } from "./queries.js";
import type { cloudApiChannelInput, PRESET_NAMES } from "./schemas.js";

/** What a new channel's row starts with, besides its tenant, name and pacing. */
interface ChannelSetup {
  /** The channel's own number (E.164) when known up front, else null until it is linked. */
  phone: string | null;
  /** Pacing preset when the owner chose none. */
  defaultPreset: (typeof PRESET_NAMES)[number];
  /** Non-secret transport settings (`channels.config`). */
  config: Record<string, unknown>;
  /** Runs in the transaction that inserts the row (e.g. to seal the channel's secrets). */
  afterInsert?: (tx: Db, channel: { id: string; tenantId: string }) => Promise<void>;
}

/** The create request as a setup function sees it (extra fields belong to its kind). */
interface ChannelSetupInput {
  name: string;
  kind: ChannelKind;
  cloudApi?: z.infer<typeof cloudApiChannelInput>;
}

/** What setup functions may need besides the request. */
interface SetupDeps {
  /** KABAR_SECRET_KEY: seals credentials (null in a process that has none, e.g. the CLI). */
  secretKey: Buffer | null;
}

/** A fresh number for a sandbox channel: +62 811 9xxx xxxx (a valid Telkomsel-range mobile). */
function sandboxNumber(): string {
  return `+628119${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
}

/** A sandbox channel gets a virtual number at once, and the fast demo pacing. */
function sandboxSetup(): ChannelSetup {
  return { phone: sandboxNumber(), defaultPreset: "demo", config: {} };
}

/**
 * A WhatsApp Web channel starts without a number: it becomes known once a phone links the
 * device (QR or pairing code) and the transport stores it. Safe pacing protects the number.
 */
function whatsappWebSetup(): ChannelSetup {
  return { phone: null, defaultPreset: "safe", config: {} };
}

/**
 * A Cloud API channel keeps its ids and Graph version in `config` and its token, app
 * secret and verify token sealed in `channel_secrets`, written in the same transaction.
 * @throws KabarError 400 `invalid_phone` for a bad display number
 */
function cloudApiSetup(input: ChannelSetupInput, deps: SetupDeps): ChannelSetup {
  const c = input.cloudApi!;
  const key = deps.secretKey;
  if (!key) throw new Error("cloudApiSetup: no secret key in this process");
  if (c.sandbox) return sandboxCloudApiSetup(key);
  let phone: string | null = null;
  if (c.phone) {
    const r = normalizePhone(c.phone);
    if (!r.ok) throw commonErrors.invalidPhone({ reason: r.reason, field: "cloudApi.phone" });
    phone = r.e164;
  }
  return {
    phone,
    defaultPreset: "safe",
    config: { phoneNumberId: c.phoneNumberId, wabaId: c.wabaId, graphVersion: c.graphVersion },
    afterInsert: (tx, channel) =>
      saveCloudApiSecrets(tx, key, channel, {
        accessToken: c.accessToken,
        appSecret: c.appSecret,
        verifyToken: c.verifyToken,
      }),
  };
}

/**
 * A sandbox Cloud API number: a virtual business number, fresh Graph ids, and secrets of its
 * own (random: the sandbox's Graph takes any token, and its webhooks never cross HTTP), so
 * the real Cloud API transport runs unchanged against the sandbox's in-process Graph.
 */
function sandboxCloudApiSetup(key: Buffer): ChannelSetup {
  const digits = (first: string) => `${first}${String(randomInt(0, 1e14)).padStart(14, "0")}`;
  const secret = () => randomBytes(24).toString("base64url");
  return {
    phone: sandboxNumber(),
    defaultPreset: "demo",
    config: { phoneNumberId: digits("1"), wabaId: digits("2"), graphVersion: "v21.0", sandbox: true },
    afterInsert: (tx, channel) =>
      saveCloudApiSecrets(tx, key, channel, {
        accessToken: secret(),
        appSecret: secret(),
        verifyToken: secret(),
      }),
  };
}

/**
 * Adds a sandbox Cloud API number to the tenant (the demo seed's), connected on next start,
 * with its sealed secrets, in one transaction. @returns the channel row's id, tenant and config
 */
export async function insertSandboxCloudApiChannel(
  db: Db,
  key: Buffer,
  input: { tenantId: string; name: string },
): Promise<{ id: string; tenantId: string; phone: string | null; config: Record<string, unknown> }> {
  const setup = sandboxCloudApiSetup(key);
  return db.transaction(async (tx) => {
    const row = await insertChannel(tx, {
      ...input,
      kind: "cloud_api",
      phone: setup.phone,
      config: setup.config,
      status: "connecting",
      pacingPreset: setup.defaultPreset,
    });
    await setup.afterInsert!(tx as unknown as Db, row);
    return {
      id: row.id,
      tenantId: row.tenantId,
      phone: row.phone,
      config: row.config as Record<string, unknown>,
    };
  });
}

/** Setup by kind: the kinds POST /channels can create. */
export const CHANNEL_SETUPS: Partial<
  Record<ChannelKind, (input: ChannelSetupInput, deps: SetupDeps) => ChannelSetup | Promise<ChannelSetup>>
> = {
  sandbox: sandboxSetup,
  whatsapp_web: whatsappWebSetup,
  cloud_api: cloudApiSetup,
};

import { z } from "zod";
import { cloudApiConfigSchema, isMetaGraphUrl } from "../../channels/cloud-api/config.js";
import { templateDraftSchema } from "../../channels/cloud-api/template-draft.js";
import { CHANNEL_STATUSES } from "../../channels/transport.js";
import { pacingPolicySchema } from "../../channels/pacing.js";

export const PRESET_NAMES = ["safe", "balanced", "demo", "off"] as const;

/** The kinds of channel (`channels.kind`), as the API names them. */
const CHANNEL_KINDS = ["sandbox", "whatsapp_web", "cloud_api"] as const;

/**
 * The kind `whatsapp_web` was called `baileys` (the library's name) before issue 10.
 * POST /channels still accepts `baileys` for one version and stores `whatsapp_web`;
 * answers always say `whatsapp_web`. Remove the alias in the next version.
 */
const DEPRECATED_KIND_ALIASES = { baileys: "whatsapp_web" } as const;

export const channelSchema = z.object({
  id: z.uuid(),
  outletId: z.uuid().describe("The outlet the number belongs to (GET /outlets)"),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  phone: z.string().nullable(),
  status: z.enum(CHANNEL_STATUSES),
  statusSince: z.string(),
  lastError: z.string().nullable(),
  pacingPreset: z.string(),
  pacing: pacingPolicySchema,
  createdAt: z.string(),
});
export type ChannelDto = z.infer<typeof channelSchema>;

/** The Cloud API settings and secrets of a new `cloud_api` channel (secrets are sealed, never shown again). */
const realCloudApiInput = cloudApiConfigSchema.extend({
  sandbox: z.literal(false).optional(),
  accessToken: z
    .string()
    .trim()
    .min(1)
    .describe("A permanent System User token with whatsapp_business_messaging"),
  appSecret: z.string().trim().min(1).describe("The Meta app's secret: verifies webhook signatures"),
  verifyToken: z
    .string()
    .trim()
    .min(8)
    .describe("Any string of yours; Meta sends it back when you register the webhook"),
  phone: z.string().trim().max(40).optional().describe("The business number, shown in Kabar"),
  baseUrl: z
    .string()
    .max(200)
    .refine(
      isMetaGraphUrl,
      "Only https://graph.facebook.com is allowed (another Graph host is an operator setting: KABAR_CLOUD_API_BASE_URL)",
    )
    .optional()
    .describe("Deprecated: only https://graph.facebook.com is accepted, and it is not stored"),
});

/**
 * A new `cloud_api` channel: a real number (its ids and secrets), or `{ sandbox: true }`: a
 * sandbox Cloud API number answered by the sandbox's in-process Graph (no secrets, no network).
 */
export const cloudApiChannelInput = z.discriminatedUnion("sandbox", [
  z.strictObject({
    sandbox: z
      .literal(true)
      .describe("A sandbox Cloud API number: simulated Graph API, templates, statuses and Meta's pricing"),
  }),
  realCloudApiInput,
]);

export const createChannelBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    outletId: z
      .uuid()
      .optional()
      .describe(
        "The outlet it belongs to (GET /outlets); default: the shop's first outlet (the caller's first)",
      ),
    kind: z
      .enum([...CHANNEL_KINDS, "baileys"])
      .default("sandbox")
      .transform((k) => (k === "baileys" ? DEPRECATED_KIND_ALIASES.baileys : k))
      .describe(
        "sandbox: simulated; whatsapp_web: WhatsApp Web, linked by QR or pairing code (no phone needed up front); cloud_api: the official WhatsApp Business Platform. Deprecated: baileys, the old name of whatsapp_web, is still accepted in this version",
      ),
    pacingPreset: z.enum(PRESET_NAMES).optional().describe("Default: safe (demo for sandbox channels)"),
    cloudApi: cloudApiChannelInput.optional().describe("Required for kind cloud_api"),
  })
  .refine((v) => v.kind !== "cloud_api" || v.cloudApi, {
    message: "required for a cloud_api channel",
    path: ["cloudApi"],
  });

/** POST /channels/:id/pairing-code: the number of the WhatsApp account to link. */
/** The QR or pairing code a channel shows now (null when none, or expired). */
export const channelLinkSchema = z
  .object({ kind: z.enum(["qr", "code"]), value: z.string(), expiresAt: z.number().describe("epoch ms") })
  .nullable();

export const pairingCodeBody = z.object({
  phone: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .describe("The WhatsApp number to link, e.g. 0812-3456-7890 or +6281234567890"),
});

/** The answer of POST /channels/:id/pairing-code. */
export const pairingCodeSchema = z.object({
  code: z
    .string()
    .describe(
      "Type it on the phone: WhatsApp → Linked devices → Link a device → Link with phone number instead",
    ),
});

export const updateChannelBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    outletId: z.uuid().optional().describe("Move the number to this outlet (GET /outlets)"),
    pacingPreset: z.enum(PRESET_NAMES).optional(),
    pacing: pacingPolicySchema.optional().describe('A custom policy (preset becomes "custom")'),
  })
  .refine((v) => !(v.pacing && v.pacingPreset), {
    message: "give pacingPreset or pacing, not both",
    path: ["pacing"],
  });

/** GET /channels/pacing-presets: a built-in policy and what it is for. */
export const pacingPresetSchema = z.object({
  name: z.enum(PRESET_NAMES),
  policy: pacingPolicySchema,
  label: z.string(),
  description: z.string(),
  sandboxOnly: z.boolean().describe("Only offered for sandbox channels"),
});

/** A WhatsApp message template of a Cloud API channel as last synced (GET /channels/:id/templates). */
export const syncedWaTemplateSchema = z.object({
  name: z.string(),
  language: z.string(),
  status: z.string().describe("Meta's review status: APPROVED, PENDING, REJECTED, PAUSED…"),
  category: z.string().nullable(),
  parameterFormat: z
    .enum(["POSITIONAL", "NAMED"])
    .describe("How its parameters are written: {{1}} (POSITIONAL) or {{customer_name}} (NAMED)"),
  parameters: z
    .object({ header: z.array(z.string()), body: z.array(z.string()) })
    .describe(
      'The parameters a campaign fills, per part: "1", "2", … (give the values in order) or the names of a NAMED template (give them by name)',
    ),
  components: z.unknown().describe("The template's components as Meta returns them"),
  reason: z
    .string()
    .nullable()
    .describe("Why Meta rejected, paused or disabled it (e.g. INVALID_FORMAT), else null"),
  previousCategory: z
    .string()
    .nullable()
    .describe("The category the shop chose when Meta changed it (the price changes with it), else null"),
  syncedAt: z.string(),
});

/**
 * A WhatsApp template to submit to Meta for review (POST /channels/:id/wa-templates):
 * components in Meta's creation format; Meta's limits are checked by the service and
 * answered per field (`components[1].text`).
 */
export const createWaTemplateBody = templateDraftSchema;

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(channelSchema, { id: "Channel" });
z.globalRegistry.add(channelLinkSchema, { id: "ChannelLink" });
z.globalRegistry.add(pacingPolicySchema, { id: "PacingPolicy" });
z.globalRegistry.add(pacingPresetSchema, { id: "PacingPreset" });
z.globalRegistry.add(syncedWaTemplateSchema, { id: "WaTemplate" });

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(createChannelBody, { id: "CreateChannel" });
z.globalRegistry.add(createWaTemplateBody, { id: "CreateWaTemplate" });
z.globalRegistry.add(updateChannelBody, { id: "UpdateChannel" });
z.globalRegistry.add(pairingCodeBody, { id: "RequestPairingCode" });

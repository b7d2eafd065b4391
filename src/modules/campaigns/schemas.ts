import { z } from "zod";
import { CAMPAIGN_ROUTINGS, CAMPAIGN_STATUSES, RECIPIENT_STATUSES } from "../../db/schema/campaigns.js";
import { RFM_SEGMENTS } from "../../db/schema/segments.js";
import { mediaAttachmentSchema } from "../media/index.js";
import { META_PRICED_CATEGORIES } from "../../channels/meta-pricing.js";
import { pacingPolicySchema } from "../../channels/pacing.js";
import { waTemplateSchema } from "./wa-template.js";

/**
 * Read-only on every audience: the outlets whose customers it is limited to, stamped by
 * Kabar with those of staff limited to outlets (issue 13); a value sent is ignored.
 */
const within = {
  outletIds: z
    .array(z.uuid())
    .optional()
    .describe(
      "Set by Kabar: the outlets of the staff limited to outlets who wrote the campaign; its audience reaches only their customers",
    ),
};

const audienceSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("all"), ...within }),
  z.object({
    type: z.literal("labels"),
    labels: z.array(z.string().trim().min(1)).min(1),
    match: z.enum(["any", "all"]).default("any"),
    ...within,
  }),
  z.object({ type: z.literal("import"), importId: z.uuid(), ...within }),
  z
    .object({ type: z.literal("drops"), campaignId: z.uuid(), ...within })
    .describe(
      "The contacts whose recipients in campaign `campaignId` are suspected drops when this campaign starts (a resend through another number)",
    ),
  z
    .object({ type: z.literal("segment"), segment: z.enum(RFM_SEGMENTS), ...within })
    .describe("The customers in an RFM segment (as last computed) when this campaign starts"),
  z
    .object({ type: z.literal("reminders"), runId: z.uuid(), ...within })
    .describe(
      "The customers of a daily repeat-order reminder run, each with their own products ({{1}}, {{2}}, {{3}})",
    ),
  z
    .object({ type: z.literal("outlet"), outletId: z.uuid(), ...within })
    .describe(
      "The customers of an outlet: contacts homed there, or who talked with one of its numbers, when this campaign starts",
    ),
]);

const mediaSchema = mediaAttachmentSchema;

/** One number of a campaign's pool and its share. */
const poolMemberSchema = z.object({
  channelId: z.uuid(),
  weight: z.number().int().min(1).max(100).default(1).describe("Relative share of the recipients, 1–100"),
});

/** Most numbers one campaign sends from. */
const MAX_POOL = 10;

const poolSchema = z
  .array(poolMemberSchema)
  .min(1)
  .max(MAX_POOL)
  .describe(
    "The numbers sending this campaign (issue 15, part 3), `channelId` among them; default: `channelId` alone. Recipients are split by weight and health; a customer who already chats with one of them gets it from that number; a number that stops (banned, logged out, out of new chats) hands its remaining recipients to the others",
  );

const routingSchema = z
  .enum(CAMPAIGN_ROUTINGS)
  .describe(
    "weighted (default): split by weight and health. hybrid: warm recipients over the pool's WhatsApp Web numbers with `body`, new chats over its Cloud API numbers with `waTemplate`",
  );

export const createCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    channelId: z.uuid(),
    templateId: z.uuid().optional().describe("Copy body and media from this template"),
    body: z.string().max(4096).optional().describe("Message text with {{variables}} and {spin|tax}"),
    media: mediaSchema.nullable().optional(),
    audience: audienceSchema,
    waTemplate: waTemplateSchema.optional(),
    pool: poolSchema.optional(),
    routing: routingSchema.optional(),
  })
  .refine((v) => v.templateId || v.body || v.media || v.waTemplate, {
    message: "give a body, media, a templateId or a waTemplate",
    path: ["body"],
  });
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

export const updateCampaignBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  channelId: z.uuid().optional(),
  body: z.string().max(4096).optional(),
  media: mediaSchema.nullable().optional(),
  audience: audienceSchema.optional(),
  waTemplate: waTemplateSchema.nullable().optional(),
  pool: poolSchema.optional(),
  routing: routingSchema.optional(),
});
export type UpdateCampaignInput = z.infer<typeof updateCampaignBody>;

/** `POST /campaigns/:id/start`'s optional body (SaaS mode's message units, issue 14). */
export const startBody = z
  .object({
    allowPartial: z
      .boolean()
      .optional()
      .describe(
        "SaaS mode: start even with fewer message units left than recipients; the campaign pauses (quota_exhausted) when they run out and resumes after a top-up",
      ),
  })
  // No body at all (as before issue 14) is a plain start.
  .nullish();

export const scheduleBody = z.object({
  at: z
    .string()
    .min(16)
    .describe(
      "When to start. An ISO instant with offset (2026-12-01T09:00:00+07:00) or a local time without offset (2026-12-01T09:00), read in the shop's time zone",
    ),
  timeZone: z
    .string()
    .optional()
    .describe(
      "IANA zone for a local time; default the shop time zone (Asia/Jakarta WIB; Asia/Makassar WITA; Asia/Jayapura WIT)",
    ),
});

const n = z.number().int();
/** Recipients per state, their total, and how many replied. */
export const countsSchema = z.object({
  total: n,
  pending: n,
  sending: n,
  sent: n,
  delivered: n,
  read: n,
  failed: n,
  skipped: n,
  unknown: n,
  suspected_drop: n.describe(
    "Sent, but no delivery receipt within the window of the channel's kind (30 minutes): accepted by WhatsApp's server, apparently not on the customer's phone",
  ),
  replied: n,
  /**
   * Pending cold recipients the governor holds back (issue 15), by why: the new-chat cap's
   * second warning, the cap reached, a reach-out timelock, WhatsApp's error 463.
   */
  held: z.object({ cap_warning: n, capped: n, timelock: n, reachout_refused: n }),
  /** Recipients who had written to the shop before the campaign (no new chat); the rest are new chats. */
  warm: n,
});
export type CampaignCounts = z.infer<typeof countsSchema>;

/** GET /campaigns: only the campaigns in this status (all of them without it). */
export const campaignListQuery = z.object({ status: z.enum(CAMPAIGN_STATUSES).optional() });

export const campaignSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  channelId: z.uuid(),
  templateId: z.uuid().nullable(),
  body: z.string(),
  media: mediaSchema.nullable(),
  waTemplate: waTemplateSchema.nullable(),
  audience: audienceSchema,
  status: z.enum(CAMPAIGN_STATUSES),
  statusReason: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
  counts: countsSchema,
  /** While cold recipients are held back: when they may go again (ISO), null when not known or not held. */
  heldUntil: z.string().nullable(),
  pool: z
    .array(z.object({ channelId: z.uuid(), weight: z.number().int() }))
    .describe("The numbers sending it"),
  routing: z.enum(CAMPAIGN_ROUTINGS),
  byChannel: z
    .array(
      z.object({
        channelId: z.uuid(),
        recipients: n.describe("Recipients this number has now (the snapshot's split, after any hand-over)"),
        warm: n,
        pending: n.describe("Pending or sending"),
        sent: n.describe("Sent, delivered, read or suspected drop"),
        failed: n.describe("Failed or unknown"),
      }),
    )
    .describe("The actual split over the pool's numbers (empty before the start)"),
  /**
   * What Meta billed for the campaign's messages (Cloud API status webhooks' `pricing`), by
   * category, priced with the rate table; null when nothing was billed. Given by GET /campaigns/:id and the realtime `campaign.progress`, not by the list.
   */
  actualCost: z
    .object({
      byCategory: z.array(
        z.object({ category: z.string(), messages: z.number().int(), rupiah: z.number().int().nullable() }),
      ),
      rupiah: z.number().int(),
    })
    .nullable()
    .optional(),
});
export type CampaignDto = z.infer<typeof campaignSchema>;

export const recipientsQuery = z.object({
  status: z.enum(RECIPIENT_STATUSES).optional(),
  search: z.string().trim().max(100).optional().describe("Part of the recipient's name or phone number"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const recipientSchema = z.object({
  id: z.number().int(),
  contactId: z.uuid(),
  channelId: z.uuid().describe("The shop's number that sends (or sent) to the recipient"),
  phone: z.string(),
  name: z.string().nullable(),
  text: z.string(),
  status: z.enum(RECIPIENT_STATUSES),
  attempts: z.number().int(),
  failureCode: z.string().nullable(),
  failureReason: z.string().nullable(),
  messageId: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
});

/** POST /campaigns/estimate: the audience and channel of a campaign being composed. */
export const estimateBody = z.object({
  audience: audienceSchema,
  channelId: z.uuid(),
  at: z
    .string()
    .min(16)
    .optional()
    .describe(
      "Planned start, like POST /campaigns/:id/schedule's `at` (local times in the shop's zone); default now",
    ),
  waTemplate: waTemplateSchema
    .pick({ name: true, language: true })
    .optional()
    .describe("A Cloud API campaign's template: its synced category prices the messages (metaCost)"),
  pool: poolSchema.optional(),
  routing: routingSchema.optional(),
});
export type EstimateInput = z.infer<typeof estimateBody>;

/** The recipient count and the time sending takes under the channel's pacing policy. */
export const estimateSchema = z.object({
  recipients: z.number().int().describe("Contacts in the audience, opted-out ones included"),
  optedOut: z.number().int().describe("Of those, opted out: skipped, never sent"),
  warm: z
    .number()
    .int()
    .describe(
      "Of the others, warm: wrote to this number ever or to any of the shop's numbers within its warm days (no new chat)",
    ),
  newChats: z
    .number()
    .int()
    .describe("Of the others, new chats (cold): WhatsApp's new-chat cap counts them, a timelock holds them"),
  estimatedSeconds: z
    .number()
    .int()
    .describe("Seconds from the start to the last send (mean delays, caps, warm-up, quiet hours)"),
  startAt: z.string().describe("The start the estimate assumes (ISO, UTC)"),
  pacingPreset: z.string(),
  pacing: pacingPolicySchema,
  metaCost: z
    .object({
      category: z.enum(META_PRICED_CATEGORIES).describe("The synced template's category"),
      byMarket: z
        .array(
          z.object({
            market: z.string().describe('Country calling code ("62"), or "*" for rest of world'),
            messages: z.number().int(),
            rate: z.number().describe("Rupiah per message (may have sen)"),
          }),
        )
        .describe("Priced markets, most messages first"),
      unknownMessages: z.number().int().describe("Messages to markets without a rate: not in `rupiah`"),
      rupiah: z.number().int().describe("Estimated Meta charge, whole rupiah (rounded half up)"),
    })
    .nullable()
    .describe(
      "Meta's per-message charge of a Cloud API campaign with a priced template (KABAR_META_RATES); null when free (WhatsApp Web, sandbox) or no priced template is given",
    ),
  split: z
    .array(
      z.object({
        channelId: z.uuid(),
        recipients: z
          .number()
          .int()
          .describe("Recipients the snapshot would give this number now (opted-out ones not counted)"),
        warm: z.number().int(),
        newChats: z.number().int(),
      }),
    )
    .describe("How the pool's numbers would share the recipients if it started now"),
  quota: z
    .object({
      needed: z
        .number()
        .int()
        .describe("Message units the campaign needs: its recipients, opted-out ones not counted"),
      left: z
        .number()
        .int()
        .nullable()
        .describe("The shop's units left now (read, not reserved); null on an unlimited package"),
      blocked: z
        .enum(["subscription_inactive"])
        .nullable()
        .describe(
          "`subscription_inactive`: the shop's subscription ended or was suspended, a start is refused",
        ),
    })
    .nullable()
    .describe(
      "SaaS mode: the units needed against the units left (a start with too few answers 402 quota_insufficient); null in single mode and for an unmetered shop",
    ),
});
export type EstimateResult = z.infer<typeof estimateSchema>;

/** POST /campaigns/:id/resend-drops: the other number, and what a Cloud API number needs. */
export const resendDropsBody = z.object({
  channelId: z.uuid().describe("Another connected number of the shop (never the campaign's own)"),
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Default: the campaign\'s name + " (kirim ulang)"'),
  waTemplate: waTemplateSchema
    .optional()
    .describe("For a Cloud API number: the approved template (default: the campaign's own, if it has one)"),
});
export type ResendDropsInput = z.infer<typeof resendDropsBody>;

/** GET /campaigns/:id/report: the file format. */
export const reportQuery = z.object({
  format: z.enum(["csv", "xlsx"]).default("csv"),
});

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(audienceSchema, { id: "Audience" });
z.globalRegistry.add(countsSchema, { id: "CampaignCounts" });
z.globalRegistry.add(campaignSchema, { id: "Campaign" });
z.globalRegistry.add(recipientSchema, { id: "Recipient" });
z.globalRegistry.add(estimateSchema, { id: "CampaignEstimate" });
z.globalRegistry.add(waTemplateSchema, { id: "CampaignWaTemplate" });

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(createCampaignBody, { id: "CreateCampaign" });
z.globalRegistry.add(updateCampaignBody, { id: "UpdateCampaign" });
z.globalRegistry.add(scheduleBody, { id: "ScheduleCampaign" });
z.globalRegistry.add(estimateBody, { id: "EstimateCampaign" });
z.globalRegistry.add(resendDropsBody, { id: "ResendDrops" });

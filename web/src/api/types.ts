/**
 * The API's data as the web app reads it: names onto the types generated from the server's
 * OpenAPI document (./schema.d.ts, written by `npm run api:types` from the zod DTOs in
 * src/modules/<name>/schemas.ts). A DTO change the web app does not follow fails
 * `tsc -p web`. `X` is what the API answers, `XInput` what it accepts (defaults optional); request bodies
 * are named too (`SaveTemplateInput`, `SendMessageInput`…), so every request type here and in
 * ./*.ts is an alias of a generated one.
 */
import type { components, paths } from "./schema";

/** The API's named DTOs (generated; see the file comment). */
export type Schemas = components["schemas"];

/** The JSON a GET of `path` (as in the OpenAPI document, e.g. "/api/v1/contacts/labels") answers with 200. */
type Answer<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { "application/json": infer T } } } };
}
  ? T
  : never;

/**
 * Returns `list` as is; compiles only when `list` holds every member of the API's union `T`
 * (an enum the server grew is a type error here, not a missing option in a select).
 */
export function allOf<T extends string>() {
  return <const L extends readonly T[]>(
    list: L,
    ..._complete: [T] extends [L[number]] ? [] : [missing: Exclude<T, L[number]>]
  ): L => list;
}

export type Campaign = Schemas["Campaign"];
export type CampaignStatus = Campaign["status"];

export type Recipient = Schemas["Recipient"];
export type RecipientStatus = Recipient["status"];
export const RECIPIENT_STATUSES = allOf<RecipientStatus>()([
  "pending",
  "sending",
  "sent",
  "delivered",
  "read",
  "failed",
  "skipped",
  "unknown",
  "suspected_drop",
]);

/** Recipients per state, their total, and how many replied. */
export type CampaignCounts = Schemas["CampaignCounts"];

/** A campaign's audience as sent (`match` defaults to `any`); the API answers it with `match` set. */
export type Audience = Schemas["AudienceInput"];

/** POST /campaigns/estimate: the audience's size and the time sending takes under the channel's pacing. */
export type CampaignEstimate = Schemas["CampaignEstimate"];

/** What happened on a day (or in a period) — GET /stats/overview. */
export type DayCounts = Schemas["DayCounts"];

/** GET /stats/overview: per-day counts on the shop's calendar days (oldest first; the last is today). */
export type StatsOverview = Schemas["StatsOverview"];

/** A contact import, as GET /contacts/imports lists it and POST /contacts/imports answers it. */
export type ContactImport = Schemas["ContactImport"];

export type Channel = Schemas["Channel"];
export type ChannelStatus = Channel["status"];

export type ChannelKind = Channel["kind"];
export const CHANNEL_KINDS = allOf<ChannelKind>()(["sandbox", "whatsapp_web", "cloud_api"]);

/** A channel's send policy (src/channels/pacing.ts): delays in ms, caps with 0 = none. */
export type PacingPolicy = Schemas["PacingPolicy"];

/** GET /channels/pacing-presets: a built-in policy and what it is for. */
export type PacingPreset = Schemas["PacingPreset"];
export type PacingPresetName = PacingPreset["name"];
export const PACING_PRESET_NAMES = allOf<PacingPresetName>()(["safe", "balanced", "demo", "off"]);

/** GET /channels/:id/health. */
export type ChannelHealth = Schemas["ChannelHealth"];

/** GET /channels/health: one number's score, its parts and how many new customers it can reach today. */
export type ChannelHealthSummary = Schemas["ChannelHealthSummary"];

/** A WhatsApp message template of a Cloud API channel (GET /channels/:id/wa-templates). */
export type WaTemplate = Schemas["WaTemplate"];
/** A WhatsApp template to submit to Meta (POST /channels/:id/wa-templates). */
export type CreateWaTemplateInput = Schemas["CreateWaTemplateInput"];

export type Contact = Schemas["Contact"];

/** A page of a list: `items` of one type, and where the page is in the whole. */
export type Page<T> = Omit<Schemas["ContactPage"], "items"> & { items: T[] };

/** A label in use and how many contacts carry it (GET /contacts/labels). */
export type LabelCount = Answer<"/api/v1/contacts/labels">[number];

/** A member of the shop's staff as GET /users lists them (never a password). */
export type StaffUser = Answer<"/api/v1/users">[number];

/** A role as GET /roles lists it: built-in (`id` null, `key` names it) or the shop's own (`key` `custom`). */
export type Role = Answer<"/api/v1/roles">[number];

export type Tenant = Schemas["Tenant"];

/** The signed-in user (GET /auth/me). */
export type User = Schemas["SessionUser"];

export type SandboxPhone = Schemas["SandboxPhone"];

/** A line of a virtual phone's chat: `in` = the phone received it, `out` = the phone sent it. */
export type PhoneMessage = Schemas["PhoneMessage"];

/** POST /templates/preview: the rendered text and the variables it lacked. */
export type Preview = Schemas["TemplatePreview"];

/**
 * A message's attachment: exactly one of `id` (a file uploaded to Kabar by this shop), `url`
 * (an https link) or `waMediaId` (a file already uploaded to Meta, Cloud API numbers).
 */
export type TemplateMedia = Schemas["MediaAttachment"];

export type Template = Schemas["Template"];

/** Which columns of an import file hold what (headers as in the file); see POST /contacts/imports. */
export type ColumnMapping = Schemas["ColumnMapping"];

/** POST /contacts/imports/preview: the start of a file, read without importing. */
export type ImportPreview = Schemas["ImportPreview"];

/** POST /contacts/imports/preview/rows: the preview's rows as the import reads them under a mapping. */
export type PreviewRows = Schemas["PreviewRows"];
export type PreviewRow = PreviewRows["rows"][number];
export type ReadPreviewRowsInput = Schemas["ReadPreviewRowsInput"];

/** GET /contacts/:id/history. */
export type ContactHistory = Schemas["ContactHistory"];

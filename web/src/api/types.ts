/**
 * The API's data as the web app reads it: mirrors the zod DTOs of the server
 * (src/modules/<name>/schemas.ts; OpenAPI at /docs).
 */

export const CAMPAIGN_STATUSES = [
  "draft",
  "scheduled",
  "running",
  "paused",
  "completed",
  "cancelled",
  "failed",
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const RECIPIENT_STATUSES = [
  "pending",
  "sending",
  "sent",
  "delivered",
  "read",
  "failed",
  "skipped",
  "unknown",
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export type CampaignCounts = Record<RecipientStatus | "total" | "replied", number>;

export type Audience =
  | { type: "all" }
  | { type: "labels"; labels: string[]; match?: "any" | "all" }
  | { type: "import"; importId: string };

export interface Campaign {
  id: string;
  name: string;
  channelId: string;
  templateId: string | null;
  body: string;
  /** Cloud API campaigns: the approved WhatsApp template sent. */
  waTemplate?: CampaignWaTemplate | null;
  audience: Audience;
  status: CampaignStatus;
  statusReason: string | null;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  counts: CampaignCounts;
}

/** POST /campaigns/estimate: the audience's size and the time sending takes under the channel's pacing. */
export interface CampaignEstimate {
  recipients: number;
  optedOut: number;
  /** Seconds from the start to the last send. */
  estimatedSeconds: number;
  startAt: string;
  pacingPreset: string;
  pacing: PacingPolicy;
}

/** What happened on a day (or in a period) — GET /stats/overview. */
export interface DayCounts {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  replied: number;
  optOuts: number;
}

/** GET /stats/overview: per-day counts on the shop's calendar days (oldest first; the last is today). */
export interface StatsOverview {
  timeZone: string;
  days: Array<DayCounts & { date: string }>;
  totals: DayCounts;
  today: DayCounts;
}

/** A contact import, as GET /contacts/imports lists it. */
export interface ContactImport {
  id: string;
  filename: string | null;
  status: "processing" | "completed" | "failed";
  totalRows: number;
  created: number;
  merged: number;
  createdAt: string;
  /** Set on imports answered by POST /contacts/imports. */
  format?: string;
  rejected?: number;
  labels?: string[];
  error?: string | null;
  finishedAt?: string | null;
}

/** An approved WhatsApp template a Cloud API campaign sends, with its {{1}}, {{2}}… values (each a Kabar template). */
export interface CampaignWaTemplate {
  name: string;
  language: string;
  header?: string[];
  body?: string[];
  buttons?: Array<{ index: number; subType: "quick_reply" | "url"; parameter: string }>;
}

export interface Recipient {
  id: number;
  contactId: string;
  phone: string;
  name: string | null;
  text: string;
  status: RecipientStatus;
  attempts: number;
  failureCode: string | null;
  failureReason: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  repliedAt: string | null;
}

export const CHANNEL_STATUSES = [
  "disconnected",
  "qr",
  "connecting",
  "connected",
  "logged_out",
  "blocked",
  "replaced",
  "needs_token",
] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

export const CHANNEL_KINDS = ["sandbox", "whatsapp_web", "cloud_api"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface Channel {
  id: string;
  name: string;
  kind: ChannelKind;
  phone: string | null;
  status: ChannelStatus;
  /** When the channel entered `status` (ISO 8601). */
  statusSince: string;
  /** Reason of the last status change (`closed`, `qr_timeout`, …), when there was one. */
  lastError: string | null;
  /** A preset name, or `custom`. */
  pacingPreset: string;
  pacing: PacingPolicy;
  createdAt: string;
}

/** A channel's send policy (src/channels/pacing.ts): delays in ms, caps with 0 = none. */
export interface PacingPolicy {
  minDelayMs: number;
  maxDelayMs: number;
  perMinute: number;
  perHour: number;
  perDay: number;
  warmup: { enabled: boolean; firstDay: number; growth: number };
  quietHours: { enabled: boolean; start: string; end: string };
  typing: boolean;
  typingMs: { min: number; max: number };
  precheckNumbers: boolean;
  pauseAfterConsecutiveFailures: number;
  concurrency: number;
}

export const PACING_PRESET_NAMES = ["safe", "balanced", "demo", "off"] as const;
export type PacingPresetName = (typeof PACING_PRESET_NAMES)[number];

/** GET /channels/pacing-presets: a built-in policy and what it is for. */
export interface PacingPreset {
  name: PacingPresetName;
  policy: PacingPolicy;
  label: string;
  description: string;
  sandboxOnly: boolean;
}

/** GET /channels/:id/health. */
export interface ChannelHealth {
  status: ChannelStatus;
  since: string;
  lastError: string | null;
  leaseHolder: string | null;
  leaseExpiresAt: string | null;
  sent: { lastHour: number; lastDay: number };
  /** perDay is today's effective cap (warm-up included); 0 = no cap. */
  caps: { perHour: number; perDay: number };
}

/** A WhatsApp message template of a Cloud API channel (GET /channels/:id/wa-templates). */
export interface WaTemplate {
  name: string;
  language: string;
  status: string;
  category: string | null;
  components: unknown;
  syncedAt: string;
}

export interface Contact {
  id: string;
  phone: string;
  name: string | null;
  labels: string[];
  /** Custom attributes (key → text), usable as template variables `{{key}}`. */
  attributes: Record<string, string>;
  optedOut: boolean;
  optedOutAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface LabelCount {
  label: string;
  count: number;
}

export interface Tenant {
  id: string;
  name: string;
  timeZone: string;
  locale: "id" | "en";
}

export interface User {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: "owner" | "agent";
}

export interface SandboxPhone {
  phone: string;
  name: string;
  onWhatsApp: boolean;
  readRate: number;
  replyRate: number;
}

/** A line of a virtual phone's chat: `in` = the phone received it, `out` = the phone sent it. */
export interface PhoneMessage {
  direction: "in" | "out";
  messageId: string;
  channelId?: string;
  text?: string;
  at: number;
}

export interface Preview {
  text: string;
  missing: string[];
  media?: TemplateMedia | null;
}

export const MEDIA_TYPES = ["image", "video", "audio", "document"] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/**
 * A message's attachment: exactly one of `id` (a file uploaded to Kabar by this shop), `url`
 * (an https link) or `waMediaId` (a file already uploaded to Meta, Cloud API numbers).
 */
export interface TemplateMedia {
  type: MediaType;
  id?: string;
  url?: string;
  waMediaId?: string;
  mimeType?: string;
  filename?: string;
}

export interface Template {
  id: string;
  name: string;
  body: string;
  media: TemplateMedia | null;
  /** Variables used, first-use order. */
  variables: string[];
  createdAt: string;
  updatedAt: string;
}

/** Which columns of an import file hold what (headers as in the file); see POST /contacts/imports. */
export interface ColumnMapping {
  phone?: string;
  name?: string | string[];
  labels?: string | string[];
  attributes?: Record<string, string>;
}

/** POST /contacts/imports/preview: the start of a file, read without importing. */
export interface ImportPreview {
  format: "csv" | "google" | "outlook" | "xlsx" | "vcard";
  /** Line of the header row. */
  line: number;
  headers: string[];
  rows: string[][];
  /** What the automatic detection would use. */
  suggested: ColumnMapping;
  /** Why the automatic detection cannot import the file (e.g. no phone column). */
  problem: string | null;
}

/** GET /contacts/:id/history. */
export interface ContactHistory {
  conversations: Array<{
    id: string;
    channelId: string;
    channelName: string;
    status: "open" | "snoozed" | "resolved";
    unreadCount: number;
    lastMessageAt: string;
    messageCount: number;
  }>;
  messages: Array<{
    id: string;
    channelId: string;
    direction: "in" | "out";
    text: string | null;
    hasMedia: boolean;
    status: string;
    campaignId: string | null;
    createdAt: string;
  }>;
  campaigns: Array<{
    campaignId: string;
    name: string;
    campaignStatus: CampaignStatus;
    status: RecipientStatus;
    failureCode: string | null;
    sentAt: string | null;
    deliveredAt: string | null;
    readAt: string | null;
    repliedAt: string | null;
    startedAt: string | null;
  }>;
}

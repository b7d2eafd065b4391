/**
 * The API's data as the web app reads it: mirrors the zod DTOs of the server
 * (src/modules/<name>/schemas.ts; OpenAPI at /docs).
 */

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled', 'failed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const RECIPIENT_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped', 'unknown'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export type CampaignCounts = Record<RecipientStatus | 'total' | 'replied', number>;

export type Audience = { type: 'all' } | { type: 'labels'; labels: string[]; match?: 'any' | 'all' } | { type: 'import'; importId: string };

export interface Campaign {
  id: string;
  name: string;
  channelId: string;
  templateId: string | null;
  body: string;
  audience: Audience;
  status: CampaignStatus;
  statusReason: string | null;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  counts: CampaignCounts;
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

export const CHANNEL_STATUSES = ['disconnected', 'qr', 'connecting', 'connected', 'logged_out', 'blocked', 'replaced', 'needs_token'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

export interface Channel {
  id: string;
  name: string;
  kind: 'sandbox' | 'baileys' | 'cloud_api';
  phone: string | null;
  status: ChannelStatus;
  pacingPreset: string;
}

export interface Contact {
  id: string;
  phone: string;
  name: string | null;
  labels: string[];
  optedOut: boolean;
  createdAt: string;
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
  locale: 'id' | 'en';
}

export interface User {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: 'owner' | 'agent';
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
  direction: 'in' | 'out';
  messageId: string;
  channelId?: string;
  text?: string;
  at: number;
}

export interface Preview {
  text: string;
  missing: string[];
}

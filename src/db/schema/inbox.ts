import { pgTable, uuid, text, timestamp, jsonb, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenants, users } from './tenants.js';
import { channels } from './channels.js';
import { contacts } from './contacts.js';
import { campaigns } from './campaigns.js';
import type { Media } from '../../channels/transport.js';

/** One chat between a channel and a contact; the thread is its messages. */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['open', 'pending', 'resolved'] }).notNull().default('open'),
    unreadCount: integer('unread_count').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    /** The agent handling it; null while it waits in the unassigned queue. */
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    /** A snoozed conversation is `pending` until then, and opens again after. */
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Conversation labels (distinct from the contact's labels). */
    labels: text('labels').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversations_channel_contact_uq').on(t.channelId, t.contactId),
    index('conversations_tenant_assignee_idx').on(t.tenantId, t.assigneeId, t.status),
    index('conversations_tenant_last_idx').on(t.tenantId, t.lastMessageAt),
  ],
);

export const MESSAGE_STATUSES = ['pending', 'sent', 'delivered', 'read', 'failed', 'received'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A WhatsApp message, in or out. `external_id` is the network's id (wamid, key id, sandbox id). */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    externalId: text('external_id').notNull(),
    text: text('text'),
    media: jsonb('media').$type<Media | null>(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_channel_external_uq').on(t.channelId, t.externalId),
    index('messages_thread_idx').on(t.channelId, t.contactId, t.createdAt),
  ],
);

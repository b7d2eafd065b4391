import type { Conversation, InboxMessage } from "../../api/inbox";

/** A conversation as the API lists it, for component tests (override any field). */
export const conversation = (c: Partial<Conversation> = {}): Conversation => ({
  id: "11111111-1111-4111-8111-111111111111",
  channelId: "22222222-2222-4222-8222-222222222222",
  channelKind: "sandbox",
  contactId: "33333333-3333-4333-8333-333333333333",
  name: "Budi",
  phone: "+6281234567890",
  status: "open",
  unreadCount: 0,
  lastMessageAt: "2026-11-21T03:00:00Z",
  lastInboundAt: "2026-11-21T03:00:00Z",
  windowExpiresAt: null,
  assigneeId: null,
  assignedAt: null,
  snoozedUntil: null,
  resolvedAt: null,
  labels: [],
  lastMessage: null,
  cursor: "1_x",
  ...c,
});

/** A customer's message of a thread as the API gives it, for component tests (override any field). */
export const inboxMessage = (m: Partial<InboxMessage> = {}): InboxMessage => ({
  id: crypto.randomUUID(),
  direction: "in",
  text: null,
  media: null,
  status: "received",
  error: null,
  campaignId: null,
  createdAt: "2026-11-21T03:00:00Z",
  deliveredAt: null,
  readAt: null,
  autoReply: false,
  answering: null,
  button: null,
  buttons: null,
  location: null,
  ...m,
});

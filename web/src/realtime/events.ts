import type { Notification } from "../api/notifications";
import type { Campaign } from "../api/types";

/** What the server pushes to the shop's sockets (mirrors src/realtime/protocol.ts). */
export interface ServerEvents {
  "notification.new": (p: { notification: Notification }) => void;
  "campaign.progress": (p: { campaign: Campaign }) => void;
  "campaign.status": (p: { campaignId: string; status: string; reason?: string | null }) => void;
  "channel.status": (p: { channelId: string; status: string; reason?: string }) => void;
  /** WhatsApp changed a number's new-chat cap or reach-out timelock (the whole picture, as `channels.restrictions`); its health and reach change. */
  "channel.restrictions": (p: {
    channelId: string;
    restrictions: {
      cap: {
        state: "NONE" | "FIRST_WARNING" | "SECOND_WARNING" | "CAPPED";
        total?: number;
        used?: number;
        cycleStart?: number;
        cycleEnd?: number;
      } | null;
      timelock: { active: boolean; endsAt?: number; type?: string } | null;
      at: number;
    };
  }) => void;
  "channel.qr": (p: { channelId: string; qr: string; expiresAt: number }) => void;
  /** A WhatsApp Web pairing code to type on the phone; `expiresAt` epoch ms. */
  "channel.pairing-code": (p: { channelId: string; code: string; expiresAt: number }) => void;
  /** A message stored (a customer's `in`, or an agent's `out` still pending); `conversationId` set by the inbox. */
  "message.new": (p: {
    channelId: string;
    contactId: string;
    messageId: string;
    direction: "in" | "out";
    conversationId?: string;
  }) => void;
  /** An agent's message moved: sent → delivered → read, or failed with `error`. */
  "message.status": (p: {
    channelId: string;
    contactId: string;
    messageId: string;
    status: string;
    error?: string | null;
  }) => void;
  "conversation.opened": (p: {
    channelId: string;
    contactId: string;
    conversationId: string;
    reopened: boolean;
  }) => void;
  /** Only the changed fields. */
  "conversation.updated": (p: {
    conversationId: string;
    changes: {
      status?: string;
      snoozedUntil?: string | null;
      resolvedAt?: string | null;
      labels?: string[];
      unreadCount?: number;
    };
  }) => void;
  "conversation.note": (p: {
    conversationId: string;
    note: { id: string; authorId: string | null; body: string; createdAt: string };
  }) => void;
  "conversation.assigned": (p: {
    conversationId: string;
    assigneeId: string | null;
    previousAssigneeId: string | null;
    reason: "auto" | "manual" | "transfer" | "offline";
  }) => void;
  "agent.presence": (p: { userId: string; online: boolean }) => void;
  /** `direction` is seen from the virtual phones in `phones`. */
  "sandbox.message": (p: { channelId: string; direction: "in" | "out"; phones: string[] }) => void;
  /** The shop's side of sandbox channel `channelId` starts or stops "typing…" to virtual phone `phone`. */
  "sandbox.typing": (p: { channelId: string; phone: string; typing: boolean }) => void;
  /** An order was created, edited or moved (announced once it committed). */
  "order.changed": (p: {
    id: string;
    number: string;
    status: string;
    kind: "created" | "edited" | "status";
    contactId: string | null;
  }) => void;
}

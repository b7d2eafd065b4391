import { EventEmitter } from "node:events";
import type { Restrictions } from "../channels/transport.js";

/**
 * Domain events pushed to clients (Socket.IO) and watched by tests and the CLI. The bus is
 * below the domain (it imports no module): a module whose event carries one of its own
 * types adds the event here by module augmentation (`declare module "…/lib/bus.js"`), as
 * modules/notifications/schemas.ts does for `notification.new`.
 */
export interface BusEvents {
  "campaign.progress": { tenantId: string; campaignId: string };
  "campaign.status": { tenantId: string; campaignId: string; status: string; reason?: string | null };
  "channel.status": { tenantId: string; channelId: string; status: string; reason?: string };
  /**
   * What WhatsApp restricts a number to changed or was read again (its new-chat cap and
   * reach-out timelock, the whole picture; stored in `channels.restrictions`).
   */
  "channel.restrictions": { tenantId: string; channelId: string; restrictions: Restrictions };
  "channel.qr": { tenantId: string; channelId: string; qr: string; expiresAt: number };
  /** A WhatsApp Web pairing code to type on the phone; `expiresAt` epoch ms. */
  "channel.pairing-code": { tenantId: string; channelId: string; code: string; expiresAt: number };
  /**
   * A conversation that needs an agent: created by a first inbound message, or open again
   * (`reopened`) after being resolved. Assignment and auto-reply listen for it.
   */
  "conversation.opened": {
    tenantId: string;
    channelId: string;
    contactId: string;
    conversationId: string;
    reopened: boolean;
    /** Its agent (null: none), when the emitter knows it (as for `message.new`). */
    assigneeId?: string | null;
  };
  /**
   * A conversation was resolved: its agent has room for another one (assignment gives them
   * the oldest waiting conversation). `assigneeId` is who had it, or null.
   */
  "conversation.resolved": { tenantId: string; conversationId: string; assigneeId: string | null };
  /**
   * A conversation's agent changed (`assigneeId` null: back in the waiting queue). `reason`:
   * auto (round robin), manual, transfer, offline (its agent went offline).
   */
  "conversation.assigned": {
    tenantId: string;
    conversationId: string;
    assigneeId: string | null;
    previousAssigneeId: string | null;
    reason: "auto" | "manual" | "transfer" | "offline";
  };
  /** An agent went online or offline (set by themselves, or offline after their last socket closed). */
  "agent.presence": { tenantId: string; userId: string; online: boolean };
  /** A message stored: a customer's (`in`) or an agent's (`out`, still `pending`). `conversationId` is set by the inbox. */
  "message.new": {
    tenantId: string;
    channelId: string;
    contactId: string;
    messageId: string;
    direction: "in" | "out";
    conversationId?: string;
    /**
     * The conversation's agent when the message was stored (null: none), when the emitter
     * knows it: the socket forwarder then needs no lookup to find who may hear it.
     */
    assigneeId?: string | null;
  };
  /**
   * An agent's message moved: `sent` → `delivered` → `read` (receipts), or `failed` with the
   * network's `error`. Campaign messages are not announced one by one (their campaign's
   * progress is). `messageId` is Kabar's id (messages.id), not the network's.
   */
  "message.status": {
    tenantId: string;
    channelId: string;
    contactId: string;
    messageId: string;
    status: string;
    error?: string | null;
  };
  /**
   * SaaS mode: message units were added to a shop (a paid top-up, renewal or upgrade; emitted
   * by billing after the payment's commit). Campaigns paused `quota_exhausted` resume.
   */
  "billing.units_added": { tenantId: string };
  /** What an agent changed on a conversation (status, snooze, labels, unread count); only the changed fields. */
  "conversation.updated": {
    tenantId: string;
    conversationId: string;
    changes: {
      status?: string;
      snoozedUntil?: string | null;
      resolvedAt?: string | null;
      labels?: string[];
      unreadCount?: number;
    };
  };
  /** A customer opted out by sending one of the shop's opt-out words (the inbox's intake). */
  /** A contact opted out: by an opt-out word in their message, or by a person on the contact page. */
  "contact.opted_out": {
    tenantId: string;
    contactId: string;
    phone: string;
    via: "message" | "contact_page";
  };
  /** An internal note added to a conversation (never sent to the customer). */
  "conversation.note": {
    tenantId: string;
    conversationId: string;
    note: { id: string; authorId: string | null; body: string; createdAt: string };
  };
}

/** A typed in-process event bus. */
export class Bus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  emit<K extends keyof BusEvents>(event: K, payload: BusEvents[K]): void {
    this.emitter.emit(event, payload);
  }
  on<K extends keyof BusEvents>(event: K, fn: (p: BusEvents[K]) => void): () => void {
    this.emitter.on(event, fn);
    return () => this.emitter.off(event, fn);
  }
}

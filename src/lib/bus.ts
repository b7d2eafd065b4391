import { EventEmitter } from 'node:events';

/** Domain events pushed to clients (Socket.IO) and watched by tests and the CLI. */
export interface BusEvents {
  'campaign.progress': { tenantId: string; campaignId: string };
  'campaign.status': { tenantId: string; campaignId: string; status: string; reason?: string | null };
  'channel.status': { tenantId: string; channelId: string; status: string; reason?: string };
  'channel.qr': { tenantId: string; channelId: string; qr: string; expiresAt: number };
  /** A WhatsApp Web pairing code to type on the phone; `expiresAt` epoch ms. */
  'channel.pairing-code': { tenantId: string; channelId: string; code: string; expiresAt: number };
  /**
   * A conversation that needs an agent: created by a first inbound message, or open again
   * (`reopened`) after being resolved. Assignment and auto-reply listen for it.
   */
  'conversation.opened': { tenantId: string; channelId: string; contactId: string; conversationId: string; reopened: boolean };
  'message.new': { tenantId: string; channelId: string; contactId: string; messageId: string; direction: 'in' | 'out' };
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

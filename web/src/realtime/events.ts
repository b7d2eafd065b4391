import type { Campaign } from '../api/types';

/** What the server pushes to the shop's sockets (mirrors src/realtime/protocol.ts). */
export interface ServerEvents {
  'campaign.progress': (p: { campaign: Campaign }) => void;
  'campaign.status': (p: { campaignId: string; status: string; reason?: string | null }) => void;
  'channel.status': (p: { channelId: string; status: string; reason?: string }) => void;
  'channel.qr': (p: { channelId: string; qr: string; expiresAt: number }) => void;
  'message.new': (p: { channelId: string; contactId: string; messageId: string; direction: 'in' | 'out' }) => void;
  /** `direction` is seen from the virtual phones in `phones`. */
  'sandbox.message': (p: { channelId: string; direction: 'in' | 'out'; phones: string[] }) => void;
}

/**
 * The Socket.IO protocol between Kabar and its web app: what the server pushes to a
 * tenant's room. Every payload is the bus event without `tenantId` (the room is the
 * tenant), except `campaign.progress`, which carries the campaign with fresh counts.
 */
import type { BusEvents } from '../lib/bus.js';
import type { CampaignDto } from '../modules/campaigns/schemas.js';
import type { SandboxMessageEvent } from './sandbox-events.js';

type WithoutTenant<T> = Omit<T, 'tenantId'>;

/** Server → client events (Socket.IO's typed events). */
export interface ServerToClientEvents {
  /** At most 4 a second per campaign; the last state always arrives. */
  'campaign.progress': (p: { campaign: CampaignDto }) => void;
  'campaign.status': (p: WithoutTenant<BusEvents['campaign.status']>) => void;
  'channel.status': (p: WithoutTenant<BusEvents['channel.status']>) => void;
  'channel.qr': (p: WithoutTenant<BusEvents['channel.qr']>) => void;
  'channel.pairing-code': (p: WithoutTenant<BusEvents['channel.pairing-code']>) => void;
  'message.new': (p: WithoutTenant<BusEvents['message.new']>) => void;
  'sandbox.message': (p: WithoutTenant<SandboxMessageEvent>) => void;
}

/** The bus events forwarded to the tenant's room as they are (less `tenantId`). */
export const FORWARDED_EVENTS = ['campaign.status', 'channel.status', 'channel.qr', 'channel.pairing-code', 'message.new', 'sandbox.message'] as const;

/** Client → server events: none; the client only listens. */
export type ClientToServerEvents = Record<string, never>;

/** What the server keeps on each socket. */
export interface SocketData {
  tenantId: string;
  userId: string;
}

/** The room of a tenant's sockets. */
export const tenantRoom = (tenantId: string): string => `tenant:${tenantId}`;

/** Socket.IO's path (the default), proxied by the Vite dev server. */
export const SOCKET_PATH = '/socket.io';

import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { Db } from '../db/client.js';
import type { Bus } from '../lib/bus.js';
import type { AuthService } from '../modules/auth/service.js';
import type { CampaignService } from '../modules/campaigns/service.js';
import { sameOrigin, socketAuth } from './auth.js';
import { forwardBus } from './forward.js';
import { SOCKET_PATH, tenantRoom, type ClientToServerEvents, type ServerToClientEvents, type SocketData } from './protocol.js';

export { observeSandboxStore } from './sandbox-events.js';
export type { ServerToClientEvents } from './protocol.js';

export interface RealtimeOptions {
  /** The HTTP server Fastify answers on (before or after it listens). */
  server: HttpServer;
  bus: Bus;
  services: { auth: AuthService; campaigns: Pick<CampaignService, 'get'> };
  db: Db;
  log: Logger;
  /** Least time between two progress events of one campaign (default 250 ms). */
  progressIntervalMs?: number;
}

/** The Socket.IO server of a Kabar process. */
export interface Realtime {
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  /** Stops forwarding and disconnects every socket (the HTTP server is closed by Fastify). */
  close(): Promise<void>;
}

/**
 * Attaches Socket.IO (path /socket.io, WebSocket only) to Kabar's HTTP server: a handshake needs the same
 * session as HTTP (cookie, or `auth.token`) from the same origin; each socket joins the
 * room of its tenant; domain events go to their tenant's room only (DESIGN.md §1).
 */
export function attachRealtime(opts: RealtimeOptions): Realtime {
  const io: Realtime['io'] = new Server(opts.server, {
    path: SOCKET_PATH,
    serveClient: false,
    // WebSocket only: the web app never polls, so the long-polling transport is not offered.
    transports: ['websocket'],
    allowRequest: (req, callback) => callback(null, sameOrigin(req)),
  });
  io.use(socketAuth(opts.services.auth));
  io.on('connection', (socket) => void socket.join(tenantRoom(socket.data.tenantId)));
  const stopForwarding = forwardBus(io, { bus: opts.bus, campaigns: opts.services.campaigns, log: opts.log, progressIntervalMs: opts.progressIntervalMs });
  return {
    io,
    async close() {
      stopForwarding();
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}

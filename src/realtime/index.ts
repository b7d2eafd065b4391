import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/postgres-adapter";
import type pg from "pg";
import type { Logger } from "pino";
import { Server } from "socket.io";
import { releasingBrokenClients } from "../db/availability.js";
import type { Db } from "../db/client.js";
import type { Bus } from "../lib/bus.js";
import type { AuthService } from "../modules/auth/index.js";
import type { CampaignService } from "../modules/campaigns/index.js";
import type { Presence } from "../modules/assignment/index.js";
import { sameOrigin, socketAuth } from "./auth.js";
import { forwardBus } from "./forward.js";
import { socketRooms } from "./rooms.js";
import { eventScope } from "./scope.js";
import { watchSessions } from "./sessions.js";
import {
  SOCKET_PATH,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "./protocol.js";

export { announceSandboxTyping, observeSandboxStore } from "./sandbox-events.js";
export type { ServerToClientEvents } from "./protocol.js";

interface RealtimeOptions {
  /** The HTTP server Fastify answers on (before or after it listens). */
  server: HttpServer;
  bus: Bus;
  services: { auth: AuthService; campaigns: Pick<CampaignService, "get"> };
  db: Db;
  log: Logger;
  /** Least time between two progress events of one campaign (default 250 ms). */
  progressIntervalMs?: number;
  /**
   * With a pool, rooms span every Kabar process on the database
   * (@socket.io/postgres-adapter: LISTEN/NOTIFY, large payloads in `socket_io_attachments`,
   * created by migration 0007): an event emitted in one process reaches the tenant's sockets
   * in all of them. Without one, only this process's sockets.
   */
  pool?: pg.Pool;
  /** Agent presence (src/modules/assignment/presence.ts): told of each socket that opens and closes. */
  presence?: Presence;
  /**
   * How often each socket's session is re-checked, ms (default 60 000): a socket whose session
   * was removed, or whose user changed role, is closed by then. Sign-out and expiry close
   * sockets at once.
   */
  sessionCheckMs?: number;
  /** Kabar's public origin (KABAR_PUBLIC_URL): a handshake from it passes even when a proxy rewrote Host. */
  publicOrigin?: string;
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
 * rooms of its tenant its user's permissions and outlets open (./rooms.ts); domain events go
 * to their tenant's sockets that hold the event's permission (DESIGN.md §1,
 * EVENT_PERMISSIONS) and may see its outlet (and, for those who read only their own
 * conversations, its agent). A socket is closed when its session ends (sign-out, expiry,
 * user removed or changed: ./sessions.ts), or its user's outlets change.
 */
export function attachRealtime(opts: RealtimeOptions): Realtime {
  const io: Realtime["io"] = new Server(opts.server, {
    path: SOCKET_PATH,
    serveClient: false,
    // WebSocket only: the web app never polls, so the long-polling transport is not offered.
    transports: ["websocket"],
    allowRequest: (req, callback) => callback(null, sameOrigin(req, opts.publicOrigin)),
  });
  // The adapter keeps one connection checked out for its LISTEN and reopens it (after
  // ~2 s) when that connection ends; `releasingBrokenClients` gives a broken one back to
  // the pool, so a database restart or a terminated connection neither ends the process
  // nor leaks a pool slot, and cross-process events resume by themselves.
  const adapterPool = opts.pool ? releasingBrokenClients(opts.pool) : null;
  if (adapterPool) {
    io.adapter(
      createAdapter(adapterPool, {
        tableName: "socket_io_attachments",
        errorHandler: (err) => opts.log.warn({ err }, "socket.io postgres adapter error"),
      }),
    );
  }
  io.use(socketAuth(opts.services.auth));
  const sessions = watchSessions(io, {
    auth: opts.services.auth,
    log: opts.log,
    checkIntervalMs: opts.sessionCheckMs ?? 60_000,
  });
  io.on("connection", (socket) => {
    void socket.join([...socketRooms(socket.data), userRoom(socket.data.userId)]);
    sessions.join(socket);
    opts.presence?.socketConnected(socket.data.userId, socket.data.tenantId);
    socket.on("disconnect", () =>
      opts.presence?.socketDisconnected(socket.data.userId, socket.data.tenantId),
    );
  });
  const stopForwarding = forwardBus(io, {
    bus: opts.bus,
    campaigns: opts.services.campaigns,
    scope: eventScope(opts.db),
    log: opts.log,
    progressIntervalMs: opts.progressIntervalMs,
  });
  return {
    io,
    async close() {
      stopForwarding();
      sessions.stop();
      io.disconnectSockets(true);
      io.engine.close();
      // The adapter's LISTEN connection goes back to the pool (io.close() would also close
      // the HTTP server, which Fastify closes).
      await io.of("/").adapter.close();
      // …and so does one it was still opening when the database came back (after a
      // terminated connection), which the adapter's close misses: stopping must not wait for it.
      adapterPool?.closeClients();
    },
  };
}

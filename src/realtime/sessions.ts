import type { Logger } from "pino";
import type { Server, Socket } from "socket.io";
import type { AuthService } from "../modules/auth/index.js";
import {
  sessionRoom,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "./protocol.js";

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface SessionWatchOptions {
  auth: Pick<AuthService, "liveSessions" | "onSignOut" | "onUserChanged">;
  log: Logger;
  /** How often this process re-checks the sessions of its sockets, ms (KABAR_SESSION_CHECK_MS). */
  checkIntervalMs: number;
}

/** Longest delay setTimeout takes (about 24.8 days); a later expiry is left to the periodic check. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Ends a socket when its session ends, as HTTP refuses the session's next request:
 * - signed out: the session's room is disconnected in every Kabar process at once (the
 *   PostgreSQL adapter forwards `disconnectSockets` to the other processes);
 * - expired: a timer at the session's expiry re-checks it;
 * - its user's outlets changed (PATCH /users in this process): the user's room is
 *   disconnected at once in every process (`auth.onUserChanged`);
 * - otherwise removed (its user deleted) or changed (its user's role, its custom role's
 *   permissions, its outlets, or its tenant): each
 *   process re-checks the sessions of its own sockets every `checkIntervalMs`.
 * A closed socket hears "io server disconnect" (the web app then checks its session).
 * Call `join` for each new socket (after authentication).
 * @returns `join`, and `stop` (clears the interval and the timers; sockets stay open)
 */
export function watchSessions(
  io: Io,
  { auth, log, checkIntervalMs }: SessionWatchOptions,
): { join(socket: RealtimeSocket): void; stop(): void } {
  const expiryTimers = new Map<string, NodeJS.Timeout>();
  let checking = false;

  /** Closes those of `sockets` whose session is gone or no longer matches what the socket holds. */
  const check = async (sockets: RealtimeSocket[]): Promise<void> => {
    const live = await auth.liveSessions([...new Set(sockets.map((s) => s.data.sessionKey))]);
    for (const socket of sockets) {
      const session = live.get(socket.data.sessionKey);
      const same =
        session &&
        session.tenantId === socket.data.tenantId &&
        session.userId === socket.data.userId &&
        session.role === socket.data.role &&
        session.roleId === socket.data.roleId &&
        session.permissions.join() === socket.data.permissions.join() &&
        (session.outletIds?.join() ?? null) === (socket.data.outletIds?.join() ?? null);
      if (!same && socket.connected) socket.disconnect(true);
    }
  };
  const checkNow = (sockets: RealtimeSocket[]) =>
    check(sockets).catch((err: unknown) => log.warn({ err }, "could not check the sessions of sockets"));

  const interval = setInterval(() => {
    if (checking) return;
    const sockets = [...io.of("/").sockets.values()];
    if (sockets.length === 0) return;
    checking = true;
    void checkNow(sockets).finally(() => (checking = false));
  }, checkIntervalMs);
  interval.unref();

  const stopSignOut = auth.onSignOut((key) => io.in(sessionRoom(key)).disconnectSockets(true));
  const stopUserChanged = auth.onUserChanged((userId) => io.in(userRoom(userId)).disconnectSockets(true));

  return {
    join(socket) {
      void socket.join(sessionRoom(socket.data.sessionKey));
      // A second past the expiry: the check then finds it expired (unless it was extended).
      const delay = socket.data.sessionExpiresAt - Date.now() + 1000;
      if (delay <= MAX_TIMER_MS) {
        const timer = setTimeout(
          () => {
            expiryTimers.delete(socket.id);
            void checkNow([socket]);
          },
          Math.max(delay, 0),
        );
        timer.unref();
        expiryTimers.set(socket.id, timer);
      }
      socket.on("disconnect", () => {
        clearTimeout(expiryTimers.get(socket.id));
        expiryTimers.delete(socket.id);
      });
    },
    stop() {
      clearInterval(interval);
      stopSignOut();
      stopUserChanged();
      for (const timer of expiryTimers.values()) clearTimeout(timer);
      expiryTimers.clear();
    },
  };
}

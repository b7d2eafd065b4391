import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import { api, ApiError, reportUnauthorized } from "../api/client";
import { keys } from "../api/keys";
import type { User } from "../api/types";
import type { ServerEvents } from "./events";

type RealtimeSocket = Socket<ServerEvents, Record<string, never>>;

interface RealtimeState {
  socket: RealtimeSocket | null;
  connected: boolean;
}

const RealtimeContext = createContext<RealtimeState>({ socket: null, connected: false });

/**
 * One Socket.IO connection for the signed-in session (the session cookie authenticates
 * it). WebSocket only: the web app never polls. The server closes the socket when the
 * session ends (sign-out in another tab, expiry) or its user changes (role): the session is
 * then checked once (GET /auth/me) — gone: the usual 401 handling sends the user to
 * sign-in; still there: the user is refreshed and the socket opens again.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [state, setState] = useState<RealtimeState>({ socket: null, connected: false });
  useEffect(() => {
    let closed = false;
    const socket: RealtimeSocket = io({
      path: "/socket.io",
      transports: ["websocket"],
      withCredentials: true,
    });
    const update = () => setState({ socket, connected: socket.connected });
    const recheckSession = async () => {
      try {
        const { user } = await api<{ user: User }>("GET", "/auth/me");
        if (closed) return;
        qc.setQueryData(keys.me, user);
      } catch (err) {
        if (closed) return;
        // /auth/me's 401 is an answer to the client, not reported by it: report it here.
        if (err instanceof ApiError && err.status === 401) return reportUnauthorized();
        // Another failure (network): try the socket again, its handshake decides.
      }
      socket.connect();
    };
    socket.on("connect", update);
    socket.on("disconnect", (reason) => {
      update();
      // Socket.IO does not reconnect after the server's own disconnect: decide here, once.
      if (reason === "io server disconnect") void recheckSession();
    });
    // The server refuses a socket whose session ended: same as a 401.
    socket.on("connect_error", (err) => err.message === "unauthenticated" && reportUnauthorized());
    update();
    return () => {
      closed = true;
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [qc]);
  return <RealtimeContext.Provider value={state}>{children}</RealtimeContext.Provider>;
}

/** The socket and whether it is connected. */
export function useRealtime(): RealtimeState {
  return useContext(RealtimeContext);
}

/** Calls `handler` for each `event` while the component is mounted. */
export function useRealtimeEvent<E extends keyof ServerEvents>(event: E, handler: ServerEvents[E]): void {
  const { socket } = useRealtime();
  useEffect(() => {
    if (!socket) return;
    // Socket.IO's typed `on` cannot narrow a generic event name; the map above is the contract.
    const s = socket as unknown as { on(e: string, h: unknown): void; off(e: string, h: unknown): void };
    s.on(event, handler);
    return () => s.off(event, handler);
  }, [socket, event, handler]);
}

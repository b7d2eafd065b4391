import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { reportUnauthorized } from '../api/client';
import type { ServerEvents } from './events';

export type RealtimeSocket = Socket<ServerEvents, Record<string, never>>;

interface RealtimeState {
  socket: RealtimeSocket | null;
  connected: boolean;
}

const RealtimeContext = createContext<RealtimeState>({ socket: null, connected: false });

/**
 * One Socket.IO connection for the signed-in session (the session cookie authenticates
 * it). WebSocket only: the web app never polls.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<RealtimeState>({ socket: null, connected: false });
  useEffect(() => {
    const socket: RealtimeSocket = io({ path: '/socket.io', transports: ['websocket'], withCredentials: true });
    const update = () => setState({ socket, connected: socket.connected });
    socket.on('connect', update);
    socket.on('disconnect', update);
    // The server refuses a socket whose session ended: same as a 401.
    socket.on('connect_error', (err) => err.message === 'unauthenticated' && reportUnauthorized());
    update();
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, []);
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

import { io as connect, type Socket } from "socket.io-client";

/** A Socket.IO client of a test and every event it received, in order. */
export interface Recorded {
  socket: Socket;
  events: Array<{ name: string; payload: unknown }>;
}

/**
 * Opens recorded Socket.IO clients to a listening Kabar at `url()` (websocket only, no
 * reconnection) and closes them all at the end of a test file.
 */
export function socketRecorder(url: () => string) {
  const sockets: Socket[] = [];
  return {
    /** A new client sending `headers` (the session cookie, an Origin) with its handshake. */
    open(headers: Record<string, string> = {}): Recorded {
      const socket = connect(url(), {
        transports: ["websocket"],
        extraHeaders: headers,
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      const rec: Recorded = { socket, events: [] };
      socket.onAny((name: string, payload: unknown) => rec.events.push({ name, payload }));
      return rec;
    },
    closeAll(): void {
      for (const s of sockets) s.close();
    },
  };
}

/** Resolves when the socket is connected, rejects with the server's refusal. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

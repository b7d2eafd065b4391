/**
 * Child process of bench/inbox-latency.ts: opens `count` agents' sockets to `url` (so their
 * work does not slow the Kabar being measured) and notes when each receives each
 * customer's `message.new`. On `{ type: 'done', emitted, phoneOf }` from the parent (epoch
 * ms each customer's messages left the transport, in order; contact id → phone) it pairs
 * them per socket and customer and answers `{ type: 'result', latencies }` (ms).
 * argv: url token count
 */
import { io as connect } from "socket.io-client";

const [url, token, countArg] = process.argv.slice(2) as [string, string, string];
const now = () => performance.timeOrigin + performance.now();

/** Per socket: contact id → when its messages arrived, in order. */
const received: Array<Map<string, number[]>> = [];
await Promise.all(
  Array.from({ length: Number(countArg) }, async (_, i) => {
    const seen = new Map<string, number[]>();
    received[i] = seen;
    const socket = connect(url, {
      transports: ["websocket"],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    socket.on("message.new", (e: { contactId: string; direction: string }) => {
      if (e.direction !== "in") return;
      const list = seen.get(e.contactId) ?? [];
      list.push(now());
      seen.set(e.contactId, list);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
  }),
);
process.send!({ type: "ready" });

process.on(
  "message",
  (msg: { type: string; emitted: Record<string, number[]>; phoneOf: Record<string, string> }) => {
    if (msg.type !== "done") return;
    const latencies: number[] = [];
    for (const seen of received) {
      for (const [contactId, times] of seen) {
        const sent = msg.emitted[msg.phoneOf[contactId] ?? ""] ?? [];
        for (const [i, at] of times.entries()) {
          const sentAt = sent[i];
          if (sentAt !== undefined) latencies.push(at - sentAt);
        }
      }
    }
    process.send!({ type: "result", latencies }, () => process.exit(0));
  },
);

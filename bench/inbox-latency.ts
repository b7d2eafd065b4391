/**
 * The inbox's real-time path under load, for `npm run bench:inbox`: virtual customers
 * write to the demo sandbox channel at `rate` messages a second for `seconds`, while
 * `sockets` agents' sockets (in a child process, bench/inbox-sockets.ts) listen; measured
 * from the channel's transport emitting a message to each socket receiving its
 * `message.new` (storage, bus, Socket.IO through the PostgreSQL adapter, client).
 */
import { fork } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { Transport } from "../src/channels/transport.js";
import type { Kabar } from "../src/kabar.js";
import type { Actor } from "../src/lib/actor.js";
import { upsertContacts } from "../src/modules/contacts/upsert.js";
import { attachRealtime } from "../src/realtime/index.js";

export interface LatencyOptions {
  /** Inbound messages a second (from `rate` customers, one message a second each). */
  rate: number;
  seconds: number;
  sockets: number;
  /** The owner's password (to open the sockets' session). */
  password: string;
}

const now = () => performance.timeOrigin + performance.now();

/** What one run measured. */
export interface LatencyResult {
  /** Transport event → socket `message.new`, ms, one per message and socket. */
  latencies: number[];
  sent: number;
  expected: number;
  /** Inbound messages stored (bus `message.new`, direction `in`) during the run. */
  stored: number;
  /** Transport event → stored (bus `message.new`), ms, one per stored message. */
  storeLatencies: number[];
  /** Transport event → stored, ms, for the messages sent after the first 2 s (new contacts and conversations, warm-up). */
  storeLatenciesWarm: number[];
  /** Stored messages a second, from the first send to the last store. */
  storedPerSecond: number;
}

/** Latencies in ms (one per message and socket), how many were sent and expected, and the achieved inbound (store) rate. */
export async function measureSocketLatency(
  kabar: Kabar,
  owner: Actor,
  opts: LatencyOptions,
): Promise<LatencyResult> {
  const { services: s, sandbox, sandboxStore, database } = kabar;
  const [channel] = await s.channels.list(owner);
  const phones = Array.from({ length: opts.rate }, (_, i) => ({
    phone: `+62815${String(20_000_000 + i).slice(-8)}`,
    name: `Penanya ${i}`,
    onWhatsApp: true,
    readRate: 0,
    replyRate: 0,
    latencyMs: 100,
  }));
  await sandboxStore.savePhonesFor(owner.tenantId, phones);
  await sandbox.addPhones(phones);
  const contacts = await upsertContacts(
    database.db,
    owner.tenantId,
    phones.map((p) => ({ phone: p.phone, name: p.name, attributes: {}, labels: [] })),
    "import",
  );
  const phoneOf = Object.fromEntries(contacts.map((c) => [c.id, c.phone]));

  // When the transport handed each customer's messages to Kabar, in order (epoch ms).
  const emitted: Record<string, number[]> = Object.fromEntries(phones.map((p) => [p.phone, []]));
  const onMessage = (m: { from: string }) => emitted[m.from]?.push(now());
  // The channel's transport; a new one when the channel was taken again (a lost lease).
  let transport: Transport | undefined;
  const follow = () => {
    const current = kabar.manager!.transport(channel!.id);
    if (current === transport) return;
    transport?.off("message", onMessage);
    transport = current;
    transport?.on("message", onMessage);
  };
  follow();

  const server = createServer();
  const realtime = attachRealtime({
    server,
    bus: kabar.bus,
    services: s,
    db: database.db,
    log: pino({ level: "silent" }),
    pool: database.pool,
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = await s.auth.signIn(kabar.config.KABAR_OWNER_EMAIL, opts.password);
  const child = fork(
    new URL("./inbox-sockets.ts", import.meta.url).pathname,
    [url, token, String(opts.sockets)],
    { execArgv: ["--import", "tsx"] },
  );
  const fromChild = (type: string) =>
    new Promise<{ latencies?: number[] }>((resolve) =>
      child.on("message", (m: { type: string; latencies?: number[] }) => m.type === type && resolve(m)),
    );
  await fromChild("ready");

  const channelPhone = (await s.channels.get(owner, channel!.id)).phone!;
  // Each stored inbound message (bus message.new), matched in order to its transport event.
  const storedCount: Record<string, number> = {};
  const storeLatencies: number[] = [];
  const storeLatenciesWarm: number[] = [];
  let lastStoredAt = 0;
  const firstSendAt = now();
  const offStored = kabar.bus.on("message.new", (e) => {
    const phone = phoneOf[e.contactId];
    if (e.direction !== "in" || e.tenantId !== owner.tenantId || !phone) return;
    const i = storedCount[phone] ?? 0;
    storedCount[phone] = i + 1;
    lastStoredAt = now();
    const at = emitted[phone]?.[i];
    if (at === undefined) return;
    storeLatencies.push(lastStoredAt - at);
    if (at - firstSendAt > 2_000) storeLatenciesWarm.push(lastStoredAt - at);
  });
  let sent = 0;
  const tickMs = 50;
  const perTick = Math.max(1, Math.round((opts.rate * tickMs) / 1000));
  const ticks = Math.round((opts.seconds * 1000) / tickMs);
  for (let t = 0; t < ticks; t++) {
    const due = performance.now() + tickMs;
    follow();
    for (let j = 0; j < perTick; j++) {
      const from = phones[(t * perTick + j) % phones.length]!.phone;
      sent++;
      sandbox
        .sendFromPhone(from, channelPhone, `Pesan ${sent}`)
        .catch((err: unknown) => console.error("send failed", err));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  // Let the last messages be stored and pushed.
  await new Promise((r) => setTimeout(r, 5000));
  const result = fromChild("result");
  child.send({ type: "done", emitted, phoneOf });
  const { latencies = [] } = await result;

  offStored();
  transport?.off("message", onMessage);
  await realtime.close();
  await new Promise((r) => server.close(r));
  const stored = storeLatencies.length;
  return {
    latencies,
    sent,
    expected: sent * opts.sockets,
    stored,
    storeLatencies,
    storeLatenciesWarm,
    storedPerSecond: stored / Math.max(0.001, (lastStoredAt - firstSendAt) / 1000),
  };
}

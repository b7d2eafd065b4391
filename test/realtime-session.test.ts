/**
 * A socket lives no longer than its session: signing out closes the session's sockets at
 * once on every Kabar process (through the PostgreSQL adapter), and a session that expires,
 * loses its user or whose user changes role is closed by the periodic check. Another
 * session of the same user keeps its socket.
 *
 * Two processes on one database: `a` re-checks its sockets' sessions every 200 ms, `b`
 * only every minute (the default) — so a socket on `b` closed within seconds was closed by
 * the sign-out itself, not by a check.
 */
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionRoom } from "../src/realtime/protocol.js";
import { SAME_ORIGIN, signIn } from "./support/api.js";
import { factory } from "./support/factory.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

interface Recorded {
  socket: Socket;
  events: Array<{ name: string; payload: Record<string, unknown> }>;
  /** Why the server closed the socket, once it has. */
  closed?: string;
}

const sockets: Socket[] = [];
let dbUrl: string;
let a: TestKabar;
let b: TestKabar;
let users = 0;

const urlOf = (k: TestKabar) => `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;
const keyOf = (cookie: string) =>
  createHash("sha256")
    .update(cookie.slice(cookie.indexOf("=") + 1))
    .digest("hex");

/** Opens a socket to `k` with `cookie` (no automatic reconnection); resolves once connected, rejects with a refusal. */
async function open(k: TestKabar, cookie: string): Promise<Recorded> {
  const socket = connect(urlOf(k), {
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  const rec: Recorded = { socket, events: [] };
  socket.onAny((name: string, payload: Record<string, unknown>) => rec.events.push({ name, payload }));
  socket.on("disconnect", (reason) => (rec.closed = reason));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return rec;
}

/** A new agent of the demo shop, signed in on `k`: their cookie and id. */
async function newAgent(k: TestKabar): Promise<{ userId: string; cookie: string }> {
  const email = `agen${++users}@toko-contoh.test`;
  const userId = (await factory(k).user("agent", { email, password: "rahasia-agen-123" })).id;
  return { userId, cookie: (await signIn(k.http!, email, "rahasia-agen-123")).cookie };
}

/** Announces an agent's presence on `k`'s bus (forwarded to the shop's room on every process). */
const announce = (k: TestKabar, userId: string) =>
  k.bus.emit("agent.presence", { tenantId: k.owner.tenantId, userId, online: true });
const heard = (rec: Recorded, userId: string) =>
  rec.events.some((e) => e.name === "agent.presence" && e.payload.userId === userId);

/** Resolves once the server has closed the socket; fails unless it was the server's doing. */
async function closedByServer(rec: Recorded): Promise<void> {
  await waitFor(async () => rec.closed);
  expect(rec.closed).toBe("io server disconnect");
  expect(rec.socket.connected).toBe(false);
}

/** Sign-out through the API of `k`, with the session's cookie. */
async function signOut(k: TestKabar, cookie: string): Promise<void> {
  const r = await k.http!.inject({
    method: "POST",
    url: "/api/v1/auth/sign-out",
    headers: { cookie, origin: SAME_ORIGIN },
  });
  expect(r.statusCode).toBe(204);
}

beforeAll(async () => {
  dbUrl = await createTestDatabase();
  a = await startTestKabar(
    { HOST: "127.0.0.1", PORT: "0", KABAR_SESSION_CHECK_MS: "200" },
    { listen: true },
    dbUrl,
  );
  b = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true, channels: false }, dbUrl);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await b?.close();
  await a?.close();
  if (dbUrl) await dropTestDatabase(dbUrl);
});

describe("a socket ends with its session", () => {
  it("signing out closes the signed-out session’s sockets at once, and nothing reaches them any more; another session of the user stays", async () => {
    const agent = await newAgent(b);
    const otherSession = (await signIn(b.http!, `agen${users}@toko-contoh.test`, "rahasia-agen-123")).cookie;
    const ending = await open(b, agent.cookie);
    const staying = await open(b, otherSession);
    announce(b, agent.userId);
    await waitFor(async () =>
      heard(ending, agent.userId) && heard(staying, agent.userId) ? true : undefined,
    );

    await signOut(b, agent.cookie);
    await closedByServer(ending);
    expect(await b.realtime!.io.in(sessionRoom(keyOf(agent.cookie))).fetchSockets()).toEqual([]);

    // Nothing more reaches the ended session; the other one still hears the shop.
    const before = ending.events.length;
    const other = await newAgent(b);
    announce(b, other.userId);
    await waitFor(async () => (heard(staying, other.userId) ? true : undefined));
    expect(staying.socket.connected).toBe(true);
    expect(ending.events).toHaveLength(before);
    // Its cookie no longer opens a socket.
    await expect(open(b, agent.cookie)).rejects.toThrow("unauthenticated");
  });

  it("a sign-out on one process closes the session’s socket on the other", async () => {
    const agent = await newAgent(a);
    const onB = await open(b, agent.cookie);
    announce(a, agent.userId);
    await waitFor(async () => (heard(onB, agent.userId) ? true : undefined));

    // b checks its sockets' sessions only every minute: the sign-out on a closes it.
    await signOut(a, agent.cookie);
    await closedByServer(onB);
    const before = onB.events.length;
    const other = await newAgent(a);
    const witness = await open(b, other.cookie);
    announce(a, other.userId);
    await waitFor(async () => (heard(witness, other.userId) ? true : undefined));
    expect(onB.events).toHaveLength(before);
  });

  it("a session that expires is closed by the periodic check", async () => {
    const agent = await newAgent(a);
    const socket = await open(a, agent.cookie);
    const staying = await open(a, (await newAgent(a)).cookie);
    await a.database.pool.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [keyOf(agent.cookie)],
    );
    await closedByServer(socket);
    expect(staying.socket.connected).toBe(true);
    await expect(open(a, agent.cookie)).rejects.toThrow("unauthenticated");
  });

  it("a socket closes when its session expires, even where the periodic check is rare", async () => {
    const agent = await newAgent(b);
    await b.database.pool.query(
      `UPDATE sessions SET expires_at = now() + interval '2 seconds' WHERE token_hash = $1`,
      [keyOf(agent.cookie)],
    );
    const socket = await open(b, agent.cookie);
    const staying = await open(b, (await newAgent(b)).cookie);
    // b checks every minute: the timer set at the handshake for the session's expiry closes it.
    await closedByServer(socket);
    expect(staying.socket.connected).toBe(true);
    await expect(open(b, agent.cookie)).rejects.toThrow("unauthenticated");
  });

  it("a removed user’s socket and a socket whose user changed role are closed", async () => {
    const removed = await newAgent(a);
    const promoted = await newAgent(a);
    const removedSocket = await open(a, removed.cookie);
    const promotedSocket = await open(a, promoted.cookie);
    const staying = await open(a, (await newAgent(a)).cookie);

    await a.database.pool.query("DELETE FROM users WHERE id = $1", [removed.userId]);
    await a.database.pool.query(`UPDATE users SET role = 'owner' WHERE id = $1`, [promoted.userId]);
    await closedByServer(removedSocket);
    await closedByServer(promotedSocket);
    expect(staying.socket.connected).toBe(true);

    // The promoted user's session still stands: a new socket opens, as an owner.
    const again = await open(a, promoted.cookie);
    const [server] = await a.realtime!.io.in(sessionRoom(keyOf(promoted.cookie))).fetchSockets();
    expect(server?.id).toBe(again.socket.id);
    expect(server?.data.role).toBe("owner");
  });
});

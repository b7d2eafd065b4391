/**
 * Staff management (issue 13): a temporary password forces a change at sign-in;
 * deactivation ends a user's sessions and sockets at once (on every process) and blocks
 * sign-in with the generic answer; the last active owner stays; a reset password ends the
 * user's sessions; changing one's own password ends the other sessions; signing out
 * everywhere ends them all.
 *
 * Two processes on one database: `b` re-checks its sockets' sessions only every minute
 * (the default), so a socket on `b` closed within seconds was closed by the change itself.
 */
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { conversations } from "../src/db/schema/index.js";
import { addTenant, apiClient, type Api, errorOf, ok, signIn } from "./support/api.js";
import { factory } from "./support/factory.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

interface Recorded {
  socket: Socket;
  /** Why the socket closed, once it has. */
  closed?: string;
}

const sockets: Socket[] = [];
let dbUrl: string;
let a: TestKabar;
let b: TestKabar;
let owner: Api;
let n = 0;

const urlOf = (k: TestKabar) => `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;

/** Opens a socket to `k` with `cookie`; resolves once connected, rejects with a refusal. */
async function open(k: TestKabar, cookie: string): Promise<Recorded> {
  const socket = connect(urlOf(k), {
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  const rec: Recorded = { socket };
  socket.on("disconnect", (reason) => (rec.closed = reason));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return rec;
}

/** Resolves once the server has closed the socket (waits for the disconnect event). */
async function closedByServer(rec: Recorded): Promise<void> {
  await waitFor(async () => rec.closed);
  expect(rec.closed).toBe("io server disconnect");
}

/** The owner adds a user with a temporary password; their id and e-mail. */
async function addStaff(
  body: Record<string, unknown> = {},
): Promise<{ id: string; email: string; temporaryPassword: string | null }> {
  const email = `staf${++n}@toko-contoh.test`;
  const u = await ok(
    owner<{ id: string; temporaryPassword: string | null }>("POST", "/users", {
      email,
      name: `Staf ${n}`,
      role: "agent",
      ...body,
    }),
    201,
  );
  return { ...u, email };
}

beforeAll(async () => {
  dbUrl = await createTestDatabase();
  a = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true }, dbUrl);
  b = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true, channels: false }, dbUrl);
  owner = apiClient(a.http!, { cookie: a.cookie });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await b?.close();
  await a?.close();
  if (dbUrl) await dropTestDatabase(dbUrl);
});

describe("a temporary password", () => {
  it("is generated and shown once; until changed, only sign-out, session and change-password work, and no socket opens", async () => {
    const staff = await addStaff();
    expect(staff.temporaryPassword).toMatch(/^[\w-]{16}$/);
    const listed = (
      await ok(owner<Array<{ id: string; mustChangePassword: boolean }>>("GET", "/users"))
    ).find((u) => u.id === staff.id);
    expect(JSON.stringify(listed)).not.toContain(staff.temporaryPassword);
    expect(listed?.mustChangePassword).toBe(true);

    const s = await signIn(a.http!, staff.email, staff.temporaryPassword!, { keepTemporary: true });
    expect((s.body as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
    const me = apiClient(a.http!, { cookie: s.cookie });
    const blocked = await me("GET", "/conversations");
    expect([blocked.status, errorOf(blocked)?.code]).toEqual([403, "password_change_required"]);
    expect((await me("GET", "/auth/me")).status).toBe(403);
    expect((await ok(me<{ user: { id: string } }>("GET", "/auth/session"))).user.id).toBe(staff.id);
    await expect(open(b, s.cookie)).rejects.toThrow("unauthenticated");

    const short = await me("POST", "/auth/password", {
      currentPassword: staff.temporaryPassword,
      newPassword: "pendek",
    });
    expect(short.status).toBe(400);
    await ok(
      me("POST", "/auth/password", {
        currentPassword: staff.temporaryPassword,
        newPassword: "sandi-pilihan-sendiri",
      }),
      204,
    );
    // The same session now works, sockets open, and the new password signs in.
    expect((await me("GET", "/conversations")).status).toBe(200);
    expect(
      (await ok(me<{ user: { mustChangePassword: boolean } }>("GET", "/auth/session"))).user
        .mustChangePassword,
    ).toBe(false);
    await open(b, s.cookie);
    expect((await signIn(a.http!, staff.email, "sandi-pilihan-sendiri")).status).toBe(200);
    expect((await signIn(a.http!, staff.email, staff.temporaryPassword!)).status).toBe(401);
  });
});

describe("deactivation", () => {
  it("ends an open session and a socket on another process at once, hands the agent's conversations back, and blocks sign-in with the generic answer", async () => {
    const staff = await addStaff({ password: "sandi-sementara-1" });
    const { cookie } = await signIn(a.http!, staff.email, "sandi-sementara-1");
    const agent = apiClient(a.http!, { cookie });
    const rec = await open(b, cookie);
    const f = factory(a);
    const channel = await f.channel();
    const conv = await f.conversation({ channelId: channel.id, assigneeId: staff.id });

    const off = await ok(
      owner<{ deactivatedAt: string | null }>("PATCH", `/users/${staff.id}`, { active: false }),
    );
    expect(off.deactivatedAt).not.toBeNull();
    await closedByServer(rec);
    expect((await agent("GET", "/conversations")).status).toBe(401);
    const [row] = await a.database.db
      .select({ assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.id, conv.id));
    expect(row?.assigneeId).toBeNull();
    // Nobody can hand them a conversation, nor put them in a number's team.
    const assign = await owner("POST", `/conversations/${conv.id}/assign`, { userId: staff.id });
    expect([assign.status, errorOf(assign)?.code]).toEqual([400, "unknown_agent"]);
    const team = await owner("PUT", `/channels/${channel.id}/agents`, { userIds: [staff.id] });
    expect([team.status, errorOf(team)?.code]).toEqual([400, "unknown_agent"]);

    const refused = await signIn(a.http!, staff.email, "sandi-sementara-1");
    const wrong = await signIn(a.http!, staff.email, "bukan-sandinya-1");
    expect([refused.status, errorOf(refused as never)?.code]).toEqual([401, "invalid_credentials"]);
    expect(refused.body).toEqual(wrong.body);

    // Reactivated, they sign in again.
    expect(
      (await ok(owner<{ deactivatedAt: string | null }>("PATCH", `/users/${staff.id}`, { active: true })))
        .deactivatedAt,
    ).toBeNull();
    expect((await signIn(a.http!, staff.email, "sandi-sementara-1")).status).toBe(200);
  });

  it("nobody deactivates themself, and of two owners deactivating each other at once the last stays", async () => {
    const self = await owner("PATCH", `/users/${a.owner.userId}`, { active: false });
    expect([self.status, errorOf(self)?.code]).toEqual([409, "not_on_self"]);
    // A shop of its own with exactly two owners, so the suite's owner keeps its session.
    const shop = await addTenant(a, "Toko Dua Pemilik", "pertama@dua-pemilik.test", "pemilik-pertama-1");
    const second = await ok(
      shop.api<{ id: string }>("POST", "/users", {
        email: "kedua@dua-pemilik.test",
        name: "Pemilik Kedua",
        role: "owner",
        password: "pemilik-kedua-1",
      }),
      201,
    );
    const { cookie } = await signIn(a.http!, "kedua@dua-pemilik.test", "pemilik-kedua-1");
    const [one, two] = await Promise.all([
      shop.api("PATCH", `/users/${second.id}`, { active: false }),
      apiClient(a.http!, { cookie })("PATCH", `/users/${shop.userId}`, { active: false }),
    ]);
    const codes = [one, two].map((r) => (r.status === 200 ? "ok" : errorOf(r)?.code));
    expect(codes.filter((c) => c === "ok")).toHaveLength(1);
    // The loser hears it is the last owner, or finds itself signed out by the winner.
    expect(["last_owner", "unauthenticated"]).toContain(codes.find((c) => c !== "ok"));
    const active = await a.database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE tenant_id = $1 AND role = 'owner' AND deactivated_at IS NULL",
      [shop.tenantId],
    );
    expect(active.rows[0]!.n).toBe(1);
  });
});

describe("passwords", () => {
  it("a reset gives a temporary password and ends the user's sessions", async () => {
    const staff = await addStaff({ password: "sandi-awal-123" });
    const { cookie } = await signIn(a.http!, staff.email, "sandi-awal-123");
    const rec = await open(b, cookie);
    const reset = await ok(
      owner<{ temporaryPassword: string; mustChangePassword: boolean }>("PATCH", `/users/${staff.id}`, {
        resetPassword: {},
      }),
    );
    expect(reset.mustChangePassword).toBe(true);
    await closedByServer(rec);
    expect((await apiClient(a.http!, { cookie })("GET", "/conversations")).status).toBe(401);
    expect((await signIn(a.http!, staff.email, "sandi-awal-123")).status).toBe(401);
    const s = await signIn(a.http!, staff.email, reset.temporaryPassword, { keepTemporary: true });
    expect((s.body as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
  });

  it("changing one's own password ends the other sessions but not this one; a wrong current password changes nothing", async () => {
    const staff = await addStaff({ password: "sandi-awal-456" });
    const here = apiClient(a.http!, {
      cookie: (await signIn(a.http!, staff.email, "sandi-awal-456")).cookie,
    });
    const elsewhere = (await signIn(a.http!, staff.email, "sandi-awal-456")).cookie;
    const rec = await open(b, elsewhere);

    const wrong = await here("POST", "/auth/password", {
      currentPassword: "bukan-ini",
      newPassword: "sandi-baru-456",
    });
    expect([wrong.status, errorOf(wrong)?.code]).toEqual([400, "current_password_wrong"]);
    expect(rec.socket.connected).toBe(true);

    await ok(
      here("POST", "/auth/password", { currentPassword: "sandi-awal-456", newPassword: "sandi-baru-456" }),
      204,
    );
    await closedByServer(rec);
    expect((await apiClient(a.http!, { cookie: elsewhere })("GET", "/conversations")).status).toBe(401);
    expect((await here("GET", "/conversations")).status).toBe(200);
    expect((await signIn(a.http!, staff.email, "sandi-baru-456")).status).toBe(200);
  });

  it("signing out everywhere ends every session and socket of the caller", async () => {
    const staff = await addStaff({ password: "sandi-awal-789" });
    const one = (await signIn(a.http!, staff.email, "sandi-awal-789")).cookie;
    const two = (await signIn(a.http!, staff.email, "sandi-awal-789")).cookie;
    const rec = await open(b, two);
    await ok(apiClient(a.http!, { cookie: one })("POST", "/auth/sign-out-everywhere"), 204);
    await closedByServer(rec);
    expect((await apiClient(a.http!, { cookie: one })("GET", "/auth/me")).status).toBe(401);
    expect((await apiClient(a.http!, { cookie: two })("GET", "/auth/me")).status).toBe(401);
  });
});

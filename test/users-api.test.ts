import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { addTenant, apiClient, errorOf, ok, signIn, type Api } from "./support/api.js";

/** POST /users: an owner adds agents (and owners) who then sign in and work the inbox. */

let k: TestKabar;
let owner: Api;

beforeAll(async () => {
  k = await startTestKabar();
  owner = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

describe("POST /users", () => {
  it("adds an agent who can sign in, shows up among the agents, and never sees the password hash", async () => {
    const created = await ok(
      owner<Record<string, unknown>>("POST", "/users", {
        email: "Sari@Toko-Contoh.test",
        name: "Sari",
        password: "sari-rahasia-1",
      }),
      201,
    );
    expect(created).toMatchObject({ email: "sari@toko-contoh.test", name: "Sari", role: "agent" });
    // Neither the hash nor the given temporary password comes back (only a generated one would).
    expect(JSON.stringify(created)).not.toMatch(/passwordHash|argon|sari-rahasia-1/i);
    expect(created).toMatchObject({ mustChangePassword: true, temporaryPassword: null });
    const agents = await ok(
      owner<Array<{ id: string; name: string; role: string; online: boolean }>>("GET", "/agents"),
    );
    expect(agents.find((a) => a.id === created.id)).toMatchObject({
      name: "Sari",
      role: "agent",
      online: false,
    });

    const session = await signIn(k.http!, "sari@toko-contoh.test", "sari-rahasia-1");
    expect(session.status).toBe(200);
    const sari = apiClient(k.http!, { cookie: session.cookie });
    expect(
      await ok(sari<{ user: { id: string; role: string; tenantId: string } }>("GET", "/auth/me")),
    ).toMatchObject({
      user: { id: created.id, role: "agent", tenantId: k.owner.tenantId },
    });
    expect((await signIn(k.http!, "sari@toko-contoh.test", "salah-sandi-1")).status).toBe(401);
  });

  it("an agent may not add users (403), and nobody is added", async () => {
    await ok(
      owner("POST", "/users", {
        email: "agen2@toko-contoh.test",
        name: "Agen Dua",
        password: "agen-dua-rahasia",
        role: "agent",
      }),
      201,
    );
    const agent = apiClient(k.http!, {
      cookie: (await signIn(k.http!, "agen2@toko-contoh.test", "agen-dua-rahasia")).cookie,
    });
    const before = (await ok(owner<unknown[]>("GET", "/agents"))).length;
    const r = await agent("POST", "/users", {
      email: "penyusup@toko-contoh.test",
      name: "Penyusup",
      password: "penyusup-123",
      role: "owner",
    });
    expect({ status: r.status, code: errorOf(r).code }).toEqual({ status: 403, code: "forbidden" });
    expect((await ok(owner<unknown[]>("GET", "/agents"))).length).toBe(before);
    expect((await signIn(k.http!, "penyusup@toko-contoh.test", "penyusup-123")).status).toBe(401);
  });

  it("an email already used (in any letter case) answers 409 email_taken naming the field, and the first user keeps their password", async () => {
    await ok(
      owner("POST", "/users", { email: "budi@toko-contoh.test", name: "Budi", password: "budi-pertama-1" }),
      201,
    );
    const r = await owner("POST", "/users", {
      email: "BUDI@toko-contoh.test",
      name: "Budi Palsu",
      password: "budi-kedua-22",
    });
    expect({ status: r.status, code: errorOf(r).code, fields: Object.keys(errorOf(r).fields ?? {}) }).toEqual(
      { status: 409, code: "email_taken", fields: ["email"] },
    );
    expect((await signIn(k.http!, "budi@toko-contoh.test", "budi-pertama-1")).status).toBe(200);
    expect((await signIn(k.http!, "budi@toko-contoh.test", "budi-kedua-22")).status).toBe(401);
  });

  it("an email used in another shop answers like a new one (201, not 409): a shop learns nothing about other shops' users", async () => {
    const other = await addTenant(k, "Toko Lain", "pemilik@toko-lain.test", "toko-lain-rahasia-1");
    const fresh = await other.api("POST", "/users", {
      email: "belum-ada@toko-contoh.test",
      name: "Baru",
      password: "baru-rahasia-1",
    });
    const used = await other.api("POST", "/users", {
      email: "Owner@Toko-Contoh.test",
      name: "Tiruan",
      password: "tiruan-rahasia-1",
    });
    expect(fresh.status).toBe(201);
    expect(used.status, used.text).toBe(fresh.status);
    expect(Object.keys(used.body as object).sort()).toEqual(Object.keys(fresh.body as object).sort());
    // Each password reaches its own shop's account; the first shop's owner is untouched.
    const theirs = await signIn(k.http!, "owner@toko-contoh.test", "tiruan-rahasia-1");
    expect((theirs.body as { user: { tenantId: string } }).user.tenantId).toBe(other.tenantId);
    const mine = await signIn(k.http!, "owner@toko-contoh.test", "rahasia-toko-123");
    expect((mine.body as { user: { tenantId: string; role: string } }).user).toMatchObject({
      tenantId: k.owner.tenantId,
      role: "owner",
    });
    // Within one shop an e-mail is still taken once.
    const again = await other.api("POST", "/users", {
      email: "owner@toko-contoh.test",
      name: "Lagi",
      password: "lagi-rahasia-12",
    });
    expect({ status: again.status, code: errorOf(again).code }).toEqual({ status: 409, code: "email_taken" });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, errorOf, ok, signIn, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

/** Custom roles and giving roles (issue 13): who may grant what, and the owner's protections. */

let k: TestKabar;
let owner: Api;
let admin: Api;
let adminId: string;

beforeAll(async () => {
  k = await startTestKabar();
  owner = apiClient(k.http!, { cookie: k.cookie });
  const a = await factory(k, k.owner.tenantId).user("admin");
  adminId = a.id;
  admin = apiClient(k.http!, { cookie: (await signIn(k.http!, a.email, a.password)).cookie });
});
afterAll(async () => k?.close());

type Role = {
  id: string | null;
  key: string;
  name: string;
  permissions: string[];
  clonedFrom: string | null;
};

describe("roles", () => {
  it("lists the built-in roles (read-only, no id) before the shop's own", async () => {
    const roles = await ok(owner<Role[]>("GET", "/roles"));
    expect(roles.slice(0, 6).map((r) => [r.key, r.id])).toEqual([
      ["owner", null],
      ["admin", null],
      ["manager", null],
      ["supervisor", null],
      ["agent", null],
      ["viewer", null],
    ]);
  });

  it("a role cloned from a built-in starts with its permissions plus the extra ones; a holder gets them at once", async () => {
    const kasir = await ok(
      owner<Role>("POST", "/roles", { name: "Kasir", clonedFrom: "agent", permissions: ["orders.export"] }),
      201,
    );
    expect(kasir).toMatchObject({ key: "custom", clonedFrom: "agent" });
    expect(kasir.permissions).toContain("inbox.reply");
    expect(kasir.permissions).toContain("orders.export");
    expect(kasir.permissions).not.toContain("campaigns.read");
    const user = await ok(
      owner<{ id: string; role: string; roleId: string }>("POST", "/users", {
        email: "kasir@toko-contoh.test",
        name: "Kasir",
        password: "rahasia-kasir-1",
        roleId: kasir.id,
      }),
      201,
    );
    expect(user).toMatchObject({ role: "custom", roleId: kasir.id });
    const kasirApi = apiClient(k.http!, {
      cookie: (await signIn(k.http!, "kasir@toko-contoh.test", "rahasia-kasir-1")).cookie,
    });
    expect((await kasirApi("GET", "/orders/export?format=csv")).status).toBe(200);
    expect(errorOf(await kasirApi("GET", "/campaigns"))?.code).toBe("forbidden");
    // The shop widens the role: the next request of its holder already may.
    await ok(owner("PATCH", `/roles/${kasir.id}`, { permissions: [...kasir.permissions, "campaigns.read"] }));
    expect((await kasirApi("GET", "/campaigns")).status).toBe(200);
    // Held by someone: it cannot be deleted.
    const del = await owner("DELETE", `/roles/${kasir.id}`);
    expect({ status: del.status, code: errorOf(del)?.code }).toEqual({ status: 409, code: "role_in_use" });
  });

  it("nobody grants a permission they do not hold: an admin cannot make a role with billing.manage", async () => {
    const r = await admin("POST", "/roles", {
      name: "Keuangan",
      permissions: ["billing.read", "billing.manage"],
    });
    expect({ status: r.status, code: errorOf(r)?.code }).toEqual({
      status: 403,
      code: "permission_not_held",
    });
    expect(errorOf(r)?.message).toContain("billing.manage");
    const ok201 = await admin("POST", "/roles", { name: "Keuangan", permissions: ["billing.read"] });
    expect(ok201.status).toBe(201);
  });

  it("a role's name is unique in the shop", async () => {
    await ok(owner("POST", "/roles", { name: "Gudang", permissions: ["products.read"] }), 201);
    const again = await owner("POST", "/roles", { name: "Gudang", permissions: [] });
    expect({ status: again.status, code: errorOf(again)?.code }).toEqual({
      status: 409,
      code: "role_name_taken",
    });
    // Renaming to a taken name too; the refused rename leaves no audit entry.
    const other = await ok(owner<{ id: string }>("POST", "/roles", { name: "Kurir", permissions: [] }), 201);
    const rename = await owner("PATCH", `/roles/${other.id}`, { name: "Gudang" });
    expect({ status: rename.status, code: errorOf(rename)?.code }).toEqual({
      status: 409,
      code: "role_name_taken",
    });
    const { rows } = await k.database.pool.query(
      "SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id",
      [other.id],
    );
    expect(rows).toEqual([{ action: "role.create" }]);
  });
});

describe("giving roles", () => {
  it("only an owner gives the owner role or changes an owner", async () => {
    const give = await admin("POST", "/users", {
      email: "pemilik2@toko-contoh.test",
      name: "Pemilik Dua",
      password: "rahasia-pemilik-2",
      role: "owner",
    });
    expect({ status: give.status, code: errorOf(give)?.code }).toEqual({
      status: 403,
      code: "owner_role_owner_only",
    });
    const demote = await admin("PATCH", `/users/${k.owner.userId}`, { role: "viewer" });
    expect({ status: demote.status, code: errorOf(demote)?.code }).toEqual({
      status: 403,
      code: "owner_role_owner_only",
    });
    // An admin may not make someone an admin's superior in permissions either.
    const agent = await ok(
      admin<{ id: string }>("POST", "/users", {
        email: "agen-baru@toko-contoh.test",
        name: "Agen Baru",
        password: "rahasia-agen-1",
      }),
      201,
    );
    expect(
      (await ok(admin<{ role: string }>("PATCH", `/users/${agent.id}`, { role: "supervisor" }))).role,
    ).toBe("supervisor");
  });

  it("the last owner cannot lose the role; with a second owner, one may step down", async () => {
    const last = await owner("PATCH", `/users/${k.owner.userId}`, { role: "admin" });
    expect({ status: last.status, code: errorOf(last)?.code }).toEqual({ status: 409, code: "last_owner" });
    const second = await ok(
      owner<{ id: string }>("POST", "/users", {
        email: "pemilik-kedua@toko-contoh.test",
        name: "Pemilik Kedua",
        password: "rahasia-pemilik-2",
        role: "owner",
      }),
      201,
    );
    expect((await ok(owner<{ role: string }>("PATCH", `/users/${second.id}`, { role: "admin" }))).role).toBe(
      "admin",
    );
    expect(
      (await ok(owner<Array<{ id: string; role: string }>>("GET", "/users"))).find((u) => u.id === adminId),
    ).toMatchObject({
      role: "admin",
    });
  });

  it("a role id of another shop is unknown", async () => {
    const r = await owner("POST", "/users", {
      email: "asing@toko-contoh.test",
      name: "Asing",
      password: "rahasia-asing-1",
      roleId: "00000000-0000-4000-8000-000000000001",
    });
    expect({
      status: r.status,
      code: errorOf(r)?.code,
      fields: Object.keys(errorOf(r)?.fields ?? {}),
    }).toEqual({
      status: 400,
      code: "unknown_role",
      fields: ["roleId"],
    });
  });
});

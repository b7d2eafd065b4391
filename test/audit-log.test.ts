/**
 * The audit log (issue 13): rich entries with before → after, sign-ins and failed
 * sign-ins, secrets never stored, IP and user agent, the CLI's writes, append-only rows,
 * filters, export and the retention sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guard } from "../src/cli/run.js";
import { sweepAuditLog } from "../src/modules/audit/index.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import type { AuditEntryDto, AuditPageDto } from "../src/modules/audit/schemas.js";
import { type Api, apiClient, errorOf, ok, signIn } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let owner: Api;

beforeAll(async () => {
  k = await startTestKabar();
  owner = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

/** The shop's entries under `query` (newest first). */
const entries = async (query = "", api: Api = owner) =>
  (await ok(api<AuditPageDto>("GET", `/audit${query}`))).items;

describe("rich entries", () => {
  it("a role change says who, from where, and the role before → after", async () => {
    const user = await factory(k, k.owner.tenantId).user("agent", { name: "Sari Agen" });
    await ok(
      owner(
        "PATCH",
        `/users/${user.id}`,
        { role: "manager" },
        { headers: { "user-agent": "Peramban Uji/1.0" } },
      ),
    );
    const [entry] = await entries(`?targetId=${user.id}`);
    expect(entry).toMatchObject({
      action: "user.update_role",
      actor: { userId: k.owner.userId, role: "owner", name: expect.any(String) },
      target: { type: "user", id: user.id, name: "Sari Agen" },
      changes: { role: ["agent", "manager"] },
      userAgent: "Peramban Uji/1.0",
      ip: "127.0.0.1",
      source: "http",
    });
  });

  it("a password reset records that the password changed, never the password or its hash", async () => {
    const user = await factory(k, k.owner.tenantId).user("agent");
    const secret = "sandi-sementara-987";
    await ok(owner("PATCH", `/users/${user.id}`, { resetPassword: { password: secret } }));
    const [entry] = await entries(`?targetId=${user.id}`);
    expect(entry!.action).toBe("user.reset_password");
    expect(entry!.changes).toMatchObject({ password: ["[redacted]", "[redacted]"] });
    const { rows } = await k.database.pool.query<{ row: string }>(
      "SELECT audit_log::text AS row FROM audit_log",
    );
    expect(rows.filter((r) => r.row.includes(secret) || r.row.includes("$argon2"))).toEqual([]);
  });

  it("a tenant setting records the changed fields only", async () => {
    await ok(owner("PATCH", "/tenant", { warmDays: 45, name: "Toko Contoh" }));
    const [entry] = await entries("?action=tenant.update");
    expect(entry!.changes).toEqual({ warmDays: [90, 45] });
  });

  it("a contact's edit, a channel's rename and an order's move say what changed", async () => {
    const contact = await ok(
      owner<{ id: string }>("POST", "/contacts", { phone: "081377712345", name: "Rina", labels: ["baru"] }),
      201,
    );
    await ok(owner("PATCH", `/contacts/${contact.id}`, { name: "Rina Wati", labels: ["vip"] }));
    const [edit] = await entries(`?targetId=${contact.id}`);
    expect(edit).toMatchObject({
      action: "contact.update",
      target: { type: "contact", name: "Rina Wati" },
      changes: { name: ["Rina", "Rina Wati"], labels: [["baru"], ["vip"]] },
    });
    // The page's target filter names the route's word ("contacts"): it finds the service's "contact" entries too.
    expect((await entries(`?targetType=contacts&targetId=${contact.id}`)).map((e) => e.action)).toContain(
      "contact.update",
    );
    const [channel] = await ok(owner<Array<{ id: string; name: string }>>("GET", "/channels"));
    await ok(owner("PATCH", `/channels/${channel!.id}`, { name: "Nomor Utama" }));
    expect((await entries(`?targetId=${channel!.id}`))[0]!.changes).toEqual({
      name: [channel!.name, "Nomor Utama"],
    });
    const product = await ok(
      owner<{ id: string }>("POST", "/products", { sku: "AUD-9", name: "Teh", price: 5 }),
      201,
    );
    const order = await ok(
      owner<{ id: string }>("POST", "/orders", {
        customer: { contactId: contact.id },
        lines: [{ productId: product.id, quantity: 1 }],
        paymentMethod: "transfer",
      }),
      201,
    );
    await ok(owner("POST", `/orders/${order.id}/status`, { status: "cancelled", reason: "Stok habis" }));
    const [move] = await entries(`?targetId=${order.id}&action=order.status`);
    expect(move!.changes).toEqual({ status: ["new", "cancelled"], reason: [null, "Stok habis"] });
  });
});

describe("sign-ins", () => {
  it("records a sign-in and a failed one (wrong password) for the person, but nothing for an e-mail nobody has", async () => {
    const user = await factory(k, k.owner.tenantId).user("viewer", { password: "benar-sekali-1" });
    expect((await signIn(k.http!, user.email, "salah-sekali-1")).status).toBe(401);
    expect((await signIn(k.http!, "tidak-ada@toko.test", "salah-sekali-1")).status).toBe(401);
    expect((await signIn(k.http!, user.email, "benar-sekali-1", { keepTemporary: true })).status).toBe(200);
    const mine = await entries(`?userId=${user.id}&action=auth.`);
    expect(mine.map((e) => e.action)).toEqual(["auth.sign_in", "auth.sign_in_failed"]);
    expect(mine[1]).toMatchObject({ target: { type: "user", id: user.id }, source: "http" });
    const { rows } = await k.database.pool.query(
      "SELECT 1 FROM audit_log WHERE target_name = 'tidak-ada@toko.test'",
    );
    expect(rows).toEqual([]);
  });
});

describe("the safety net and the sources", () => {
  it("a write no service records itself still leaves a generic entry: the route's permission and target", async () => {
    const product = await ok(
      owner<{ id: string }>("POST", "/products", { sku: "AUD-1", name: "Kopi", price: 1 }),
      201,
    );
    await ok(owner("PATCH", `/products/${product.id}`, { price: 2 }));
    const [entry] = await entries(`?targetId=${product.id}`);
    expect(entry).toMatchObject({ action: "products.update", target: { type: "products", id: product.id } });
    expect(entry!.changes).toBeNull();
  });

  it("a failed write leaves none", async () => {
    const before = (await entries()).length;
    const r = await owner("PATCH", "/products/00000000-0000-4000-8000-000000000001", { price: 2 });
    expect(r.status).toBe(404);
    expect((await entries()).length).toBe(before);
  });

  it("a write made by a CLI command is recorded with the source cli", async () => {
    await guard(async () => void (await k.services.tenants.update(k.owner, { warmDays: 60 })));
    const [entry] = await entries("?action=tenant.update");
    expect(entry).toMatchObject({ source: "cli", changes: { warmDays: [45, 60] }, ip: null });
  });

  it("the campaign verbs the CLI calls (create, schedule) leave their own entries, source cli", async () => {
    const channelId = (await k.services.channels.list(k.owner))[0]!.id;
    let id = "";
    await guard(async () => {
      id = (
        await k.services.campaigns.create(k.owner, {
          name: "Promo CLI",
          channelId,
          body: "Halo",
          audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
        })
      ).id;
      await k.services.campaigns.schedule(k.owner, id, "2099-01-02T09:00", "Asia/Jakarta");
    });
    const mine = (await entries(`?targetId=${id}`)).map((e) => [e.action, e.source, e.target.name]);
    expect(mine).toEqual([
      ["campaign.schedule", "cli", "Promo CLI"],
      ["campaign.create", "cli", "Promo CLI"],
    ]);
  });
});

describe("append-only", () => {
  it("refuses to change or delete an entry", async () => {
    const update = k.database.pool.query("UPDATE audit_log SET action = 'x'");
    await expect(update).rejects.toThrow(/append-only/);
    await expect(k.database.pool.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(k.database.pool.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
  });
});

describe("reading", () => {
  it("filters by person, action, target and date, pages by cursor, and only with audit.read", async () => {
    const all = await entries("?limit=200");
    expect(all.length).toBeGreaterThan(3);
    const first = await ok(owner<AuditPageDto>("GET", "/audit?limit=2"));
    expect(first.items).toEqual(all.slice(0, 2));
    const second = await ok(owner<AuditPageDto>("GET", `/audit?limit=2&cursor=${first.nextCursor}`));
    expect(second.items).toEqual(all.slice(2, 4));
    expect(await entries(`?targetType=tenant`)).toEqual(all.filter((e) => e.target.type === "tenant"));
    expect(await entries(`?to=${encodeURIComponent(all.at(-1)!.at)}`)).toEqual([]);
    expect((await entries(`?from=${encodeURIComponent(all[0]!.at)}`)).map((e) => e.id)).toContain(all[0]!.id);
    const agent = await factory(k, k.owner.tenantId).user("agent");
    const { cookie } = await signIn(k.http!, agent.email, agent.password);
    const r = await apiClient(k.http!, { cookie })("GET", "/audit");
    expect(errorOf(r)?.code).toBe("forbidden");
    expect(errorOf(await owner("GET", "/audit?cursor=abc"))?.code).toBe("validation_failed");
  });

  it("an auditor role without users.read still gets the person filter's choices: the people of the log", async () => {
    const role = await ok(
      owner<{ id: string }>("POST", "/roles", { name: "Auditor", permissions: ["audit.read"] }),
      201,
    );
    const password = "rahasia-auditor-1";
    await ok(
      owner("POST", "/users", {
        email: "auditor@toko.test",
        name: "Auditor",
        roleId: role.id,
        password,
      }),
      201,
    );
    const { cookie } = await signIn(k.http!, "auditor@toko.test", password);
    const auditor = apiClient(k.http!, { cookie });
    expect(errorOf(await auditor("GET", "/users"))?.code).toBe("forbidden");
    const people = await ok(auditor<Array<{ userId: string; name: string }>>("GET", "/audit/people"));
    expect(people).toContainEqual({ userId: k.owner.userId, name: expect.any(String) });
    expect(people.map((p) => p.name)).toContain("Auditor");
  });

  it("filters by outlet: what was done to its things and by its staff", async () => {
    const second = await ok(owner<{ id: string }>("POST", "/outlets", { name: "Cabang Audit" }), 201);
    const channel = await factory(k).channel({ outletId: second.id, name: "WA Cabang Audit" });
    await ok(owner("PATCH", `/channels/${channel.id}`, { name: "WA Cabang Audit 2" }));
    await ok(owner("PATCH", "/tenant", { warmDays: 60 }));
    const about = await entries(`?outletId=${second.id}`);
    expect(about.map((e) => [e.action, e.target.id])).toContainEqual(["channel.update", channel.id]);
    expect(about.filter((e) => e.target.type === "tenant")).toEqual([]);
    const unknown = await owner("GET", `/audit?outletId=${crypto.randomUUID()}`);
    expect({ status: unknown.status, code: errorOf(unknown)?.code }).toEqual({
      status: 404,
      code: "outlet_not_found",
    });
  });

  it("exports the filtered entries as CSV, headed in the shop's language, times in its zone", async () => {
    const r = await owner<string>("GET", "/audit/export?action=tenant.update");
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toContain("text/csv");
    const lines = r.text
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Waktu (WIB),Orang,Peran,Tindakan,Jenis sasaran,ID sasaran,Nama sasaran,Perubahan,Alamat IP,Peramban,Sumber",
    );
    const rows = (await entries("?action=tenant.update")) as AuditEntryDto[];
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[1]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d,.*,owner,tenant\.update,tenant,/);
  });
});

describe("retention", () => {
  it("the sweep deletes entries older than the shop's retention and keeps the newer ones", async () => {
    expect(errorOf(await owner("PATCH", "/tenant", { auditRetentionDays: 29 }))?.code).toBe(
      "validation_failed",
    );
    await ok(owner("PATCH", "/tenant", { auditRetentionDays: 30 }));
    // An entry written 31 days ago (inserting is what the log allows).
    await k.database.pool.query(
      `INSERT INTO audit_log (tenant_id, at, actor_role, action, target_type, target_id, source)
       VALUES ($1, now() - interval '31 days', 'owner', 'contact.update', 'contact', 'lama', 'http')`,
      [k.owner.tenantId],
    );
    const before = await entries("?limit=200");
    expect(await sweepAuditLog(k.database.db)).toBe(1);
    const after = await entries("?limit=200");
    expect(after).toEqual(before.filter((e) => e.target.id !== "lama"));
    expect(after.length).toBe(before.length - 1);
  });
});

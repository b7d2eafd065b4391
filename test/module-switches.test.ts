/**
 * Module switches (issue 13): a shop's owner switches modules off in its settings
 * (`PATCH /tenant` `disabledModules`). Generated from the route list: for every module,
 * every route of that module answers 403 `module_disabled` naming it and every other route
 * does not; the session's permissions lose the module's keys (the web app and sockets
 * follow); the shop's jobs skip it (order messages, the reminders sweep); another shop is
 * unaffected.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTenant } from "../src/cli/tenant.js";
import { routeNeed, SIGNED_IN } from "../src/http/route-permissions.js";
import { KABAR_MODULES, type KabarModule, routeModules } from "../src/lib/modules.js";
import { runningCampaignsOfChannel } from "../src/modules/campaigns/queries/dispatch.js";
import { sendOrderMessage } from "../src/modules/order-messages/send.js";
import { shopDate } from "../src/modules/reminders/due.js";
import { addTenant, type Api, apiClient, errorOf, ok, untilConnected } from "./support/api.js";
import { API_ROUTES, fillPath, PUBLIC_ROUTES, routeKey } from "./support/routes.js";
import { firstChannel } from "./support/channels.js";
import { phoneWrites, sandboxCustomer } from "./support/customers.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let owner: Api;
let other: Awaited<ReturnType<typeof addTenant>>;

beforeAll(async () => {
  k = await startTestKabar({}, { automation: { delayScale: 0 } });
  owner = apiClient(k.http!, { cookie: k.cookie });
  other = await addTenant(k, "Toko Lain", "pemilik@toko-lain.test", "rahasia-toko-lain-1");
});
afterAll(async () => k?.close());

// Signing out everywhere would end the session the suite calls with (it belongs to no module).
const protectedRoutes = API_ROUTES.filter(
  (r) => !PUBLIC_ROUTES.includes(routeKey(r)) && routeKey(r) !== "POST /auth/sign-out-everywhere",
);

/** The modules a listed route belongs to, as the auth hook derives them. */
function modulesOf(r: { method: string; path: string }): KabarModule[] {
  const need = routeNeed(r.method, `/api/v1${r.path}`);
  return routeModules(r.path, need === undefined || need === SIGNED_IN ? undefined : need);
}

const switchOff = (api: Api, disabledModules: KabarModule[]) =>
  ok(api<{ disabledModules: string[] }>("PATCH", "/tenant", { disabledModules }));

describe("the route list", () => {
  it("every module owns routes, and the shop's own settings belong to none", () => {
    for (const m of KABAR_MODULES)
      expect(protectedRoutes.filter((r) => modulesOf(r).includes(m)).length).toBeGreaterThan(0);
    const key = (m: string, p: string) => modulesOf({ method: m, path: p });
    expect(key("PATCH", "/tenant")).toEqual([]);
    expect(key("GET", "/templates")).toEqual([]);
    expect(key("GET", "/contacts")).toEqual([]);
    expect(key("POST", "/orders")).toEqual(["commerce"]);
    expect(key("PUT", "/order-messages/settings")).toEqual(["commerce"]);
    expect(key("GET", "/segments")).toEqual(["commerce"]);
    expect(key("GET", "/reminders/settings")).toEqual(["broadcast", "reminders"]);
    expect(key("GET", "/quick-replies")).toEqual(["inbox"]);
    expect(key("GET", "/stats/overview")).toEqual(["reports"]);
  });
});

describe.each(KABAR_MODULES)("with %s switched off", (module) => {
  beforeAll(() => switchOff(owner, [module]));
  afterAll(() => switchOff(owner, []));

  it("its routes answer 403 module_disabled naming it, every other route does not", async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const r of protectedRoutes) {
      const reply = await owner(r.method, fillPath(r.path, {}));
      const err = errorOf(reply);
      const off = reply.status === 403 && err?.code === "module_disabled";
      seen.push(
        `${routeKey(r)} ${off ? `off:${(err?.fields as Record<string, string> | undefined)?.module}` : "on"}`,
      );
      wanted.push(`${routeKey(r)} ${modulesOf(r).includes(module) ? `off:${module}` : "on"}`);
    }
    expect(seen).toEqual(wanted);
  });

  it("the session no longer holds its permissions; the other shop still uses it", async () => {
    const me = await ok(owner<{ user: { permissions: string[] } }>("GET", "/auth/me"));
    const otherMe = await ok(other.api<{ user: { permissions: string[] } }>("GET", "/auth/me"));
    const keysOf = {
      broadcast: "campaigns.read",
      inbox: "inbox.reply",
      automation: "automation.read",
      commerce: "orders.create",
      reports: "reports.read",
    } as Record<string, string>;
    if (keysOf[module]) {
      expect(me.user.permissions).not.toContain(keysOf[module]);
      expect(otherMe.user.permissions).toContain(keysOf[module]);
    }
    expect(me.user.permissions).toContain("settings.update");
    const tenant = await ok(owner<{ disabledModules: string[] }>("GET", "/tenant"));
    expect(tenant.disabledModules).toEqual([module]);
    const route = protectedRoutes.find(
      (r) => r.method === "GET" && !r.path.includes(":") && modulesOf(r).includes(module),
    );
    const reply = await other.api("GET", route!.path);
    expect(errorOf(reply)?.code).not.toBe("module_disabled");
  });
});

describe("service verbs obey the switches too", () => {
  it("an actor of a shop with commerce off hears module_disabled from the orders service", async () => {
    const actor = { ...k.owner, disabledModules: new Set<KabarModule>(["commerce"]) };
    const err = await k.services.orders.list(actor, { pageSize: 5 } as never).then(
      () => null,
      (e: { code?: string }) => e,
    );
    expect(err?.code).toBe("module_disabled");
  });
});

describe("the CLI obeys the switches", () => {
  it("the CLI's actor of a shop with commerce off hears module_disabled; the other shop's does not", async () => {
    await switchOff(owner, ["commerce"]);
    const mine = await resolveTenant(k.database.db, k.owner.tenantId);
    const theirs = await resolveTenant(k.database.db, other.tenantId);
    await switchOff(owner, []);
    const err = await k.services.orders.list(mine.actor, { pageSize: 5 } as never).then(
      () => null,
      (e: { code?: string }) => e,
    );
    expect(err?.code).toBe("module_disabled");
    expect(await k.services.orders.list(theirs.actor, { pageSize: 5 } as never)).toMatchObject({
      items: expect.any(Array),
    });
  });
});

describe("jobs skip a shop that switched the module off", () => {
  it("an order of a shop with commerce off writes no order message; the other shop's does", async () => {
    const fa = factory(k, k.owner.tenantId);
    const fb = factory(k, other.tenantId);
    await fa.product({ sku: "MOD-KOPI", name: "Kopi", price: 10_000 });
    await fb.product({ sku: "MOD-KOPI", name: "Kopi", price: 10_000 });
    await switchOff(owner, ["commerce"]);
    const input = (phone: string) => ({
      customer: { phone, name: "Rina" },
      lines: [{ sku: "MOD-KOPI", quantity: 1 }],
      paymentMethod: "transfer" as const,
      discount: 0,
      shippingCost: 0,
    });
    const { order: mine } = await k.services.orders.create(k.owner, input("+6281377000001"));
    const { order: theirs } = await k.services.orders.create(
      { tenantId: other.tenantId, userId: other.userId, role: "owner" },
      input("+6281377000002"),
    );
    await switchOff(owner, []);
    const logs = await k.database.pool.query<{ order_id: string }>(
      "SELECT order_id FROM order_messages WHERE order_id = ANY($1)",
      [[mine.id, theirs.id]],
    );
    expect(logs.rows.map((r) => r.order_id)).toEqual([theirs.id]);
  });

  it("an order message still queued when the shop switches commerce off is cancelled, not sent", async () => {
    await factory(k, k.owner.tenantId).product({ sku: "MOD-TEH", name: "Teh", price: 8_000 });
    const { order } = await k.services.orders.create(k.owner, {
      customer: { phone: "+6281377000003", name: "Sari" },
      lines: [{ sku: "MOD-TEH", quantity: 1 }],
      paymentMethod: "transfer",
      discount: 0,
      shippingCost: 0,
    });
    const log = await waitFor(async () => {
      const r = await k.database.pool.query<{ id: string; outcome: string }>(
        "SELECT id, outcome FROM order_messages WHERE order_id = $1",
        [order.id],
      );
      return r.rows[0] && r.rows[0].outcome !== "scheduled" ? r.rows[0] : undefined;
    });
    // As if its job had not run yet when the owner switched commerce off.
    await k.database.pool.query(
      "UPDATE order_messages SET outcome = 'scheduled', reason = NULL WHERE id = $1",
      [log.id],
    );
    await switchOff(owner, ["commerce"]);
    const deps = {
      db: k.database.db,
      bus: k.bus,
      log: pino({ level: "silent" }),
      transport: () => undefined,
    };
    await sendOrderMessage(deps, { logId: log.id }, true);
    await switchOff(owner, []);
    const after = await k.database.pool.query("SELECT outcome, reason FROM order_messages WHERE id = $1", [
      log.id,
    ]);
    expect(after.rows[0]).toEqual({ outcome: "cancelled", reason: "module_disabled" });
  });

  it("the hourly reminders sweep leaves out a shop with reminders or broadcast off", async () => {
    const otherActor = { tenantId: other.tenantId, userId: other.userId, role: "owner" as const };
    await k.services.reminders.updateSettings(k.owner, { enabled: true, sendHour: 9 });
    await k.services.reminders.updateSettings(otherActor, { enabled: true, sendHour: 9 });
    await k.database.pool.query("UPDATE reminder_settings SET last_run_on = NULL");
    await k.database.pool.query("UPDATE tenants SET time_zone = 'Asia/Jakarta' WHERE id = ANY($1)", [
      [k.owner.tenantId, other.tenantId],
    ]);
    const at = new Date(`${shopDate(new Date(), "Asia/Jakarta")}T09:00:00+07:00`);
    await switchOff(owner, ["reminders"]);
    expect(await k.services.reminders.runDueShops(at)).toEqual([other.tenantId]);
    await switchOff(owner, ["broadcast"]);
    expect(await k.services.reminders.runDueShops(at)).toEqual([]);
    await switchOff(owner, []);
    expect(await k.services.reminders.runDueShops(at)).toEqual([k.owner.tenantId]);
  });
});

describe("auto-replies skip a shop with automation off", () => {
  it("while automation is off nothing is logged; once back on, the next message is answered at once (no cache to wait out)", async () => {
    const channelId = (await firstChannel(owner)).id;
    await untilConnected(owner, channelId);
    const phone = await sandboxCustomer(k, { phone: "+6285719770001", name: "Dewi" });
    const rule = await ok(
      owner<{ id: string }>("POST", "/automation/rules", {
        name: "Cadangan",
        type: "fallback",
        reply: "Pesan diterima",
        priority: 0,
        cooldownSeconds: 0,
      }),
      201,
    );
    const writes = (text: string) => phoneWrites(k, owner, channelId, phone, text);
    const logOf = async () =>
      (
        await k.database.pool.query<{ messageId: string }>(
          `SELECT message_id AS "messageId" FROM auto_reply_log WHERE rule_id = $1`,
          [rule.id],
        )
      ).rows;
    await switchOff(owner, ["automation"]);
    await writes("halo, masih buka?");
    // Nothing positive to wait for while off: the engine returns before any row is written.
    expect(await logOf()).toEqual([]);
    await switchOff(owner, []);
    const second = await writes("halo lagi");
    await waitFor(async () => ((await logOf()).some((e) => e.messageId === second) ? true : undefined));
  });
});

describe("the campaign dispatcher skips a shop with broadcast off", () => {
  it("a running campaign is not picked up while broadcast is off, and is again once on", async () => {
    const channelId = (await firstChannel(owner)).id;
    await factory(k, k.owner.tenantId).contact({
      phone: "+6281377000099",
      name: "Sinta",
      labels: ["modul-uji"],
    });
    const draft = await k.services.campaigns.create(k.owner, {
      name: "Uji modul",
      channelId,
      body: "Halo {{name|kak}}",
      audience: { type: "labels", labels: ["modul-uji"] },
    } as never);
    await switchOff(owner, ["broadcast"]);
    // Started by a job-like actor that carries no switches: the dispatcher still holds it back.
    await k.services.campaigns.start(k.owner, draft.id);
    const picked = async () => (await runningCampaignsOfChannel(k.database.db, channelId)).map((c) => c.id);
    expect(await picked()).not.toContain(draft.id);
    expect((await k.services.campaigns.get(k.owner, draft.id)).counts.pending).toBe(1);
    await switchOff(owner, []);
    await waitFor(async () => {
      const c = await k.services.campaigns.get(k.owner, draft.id);
      return c.status === "completed" ? c : undefined;
    });
  });
});

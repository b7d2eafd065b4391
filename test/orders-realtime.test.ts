/**
 * Live orders: a new order, an edit and a status move reach the shop's web clients as one
 * `order.changed` socket event each (id, number, status), announced only once the change
 * has committed, and never to another shop's sockets.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import { addTenant, apiClient, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { connected, socketRecorder, type Recorded } from "./support/sockets.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let url: string;
let api: Api;
let other: Awaited<ReturnType<typeof addTenant>>;
const recorder = socketRecorder(() => url);
let mine: Recorded;
let theirs: Recorded;
/** The order's status as another connection reads it when each `order.changed` is announced. */
const seenAtAnnounce: Array<Promise<string | undefined>> = [];

type Changed = { id: string; number: string; status: string; kind: string; tenantId?: string };
const changesOf = (rec: Recorded, id: string): Changed[] =>
  rec.events
    .filter((e) => e.name === "order.changed")
    .map((e) => e.payload as Changed)
    .filter((p) => p.id === id);

beforeAll(async () => {
  k = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true });
  url = `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;
  api = apiClient(k.http!, { cookie: k.cookie });
  await factory(k).product({ sku: "KOPI-250", name: "Kopi Gayo 250 g", price: 85_000 });
  other = await addTenant(k, "Toko Kedua", "pemilik@toko-kedua.test", "rahasia-kedua-123");
  mine = recorder.open({ cookie: k.cookie });
  theirs = recorder.open({ cookie: other.cookie });
  await Promise.all([connected(mine.socket), connected(theirs.socket)]);
  k.bus.on("order.changed", ({ id }) => {
    seenAtAnnounce.push(
      k.database.pool
        .query<{ status: string }>("SELECT status FROM orders WHERE id = $1", [id])
        .then((r) => r.rows[0]?.status),
    );
  });
});

afterAll(async () => {
  recorder.closeAll();
  await k?.close();
});

describe("live orders (order.changed)", () => {
  it("announces a new order, an edit and each move to the shop's sockets after commit, not to another shop's", async () => {
    const created = await api<OrderDto>("POST", "/orders", {
      customer: { phone: "081299990001", name: "Sari" },
      lines: [{ sku: "KOPI-250", quantity: 2 }],
      paymentMethod: "transfer",
    });
    expect(created.status, created.text).toBe(201);
    const o = created.body;
    await waitFor(async () => (changesOf(mine, o.id).length === 1 ? true : undefined));

    const edited = await api<OrderDto>("PATCH", `/orders/${o.id}`, { notes: "Tolong dibungkus rapi" });
    expect(edited.status, edited.text).toBe(200);
    await waitFor(async () => (changesOf(mine, o.id).length === 2 ? true : undefined));

    const moved = await api<OrderDto>("POST", `/orders/${o.id}/status`, { status: "confirmed" });
    expect(moved.status, moved.text).toBe(200);
    await waitFor(async () => (changesOf(mine, o.id).length === 3 ? true : undefined));

    // An illegal move changes nothing and announces nothing; a later move shows the stream went on.
    const illegal = await api("POST", `/orders/${o.id}/status`, { status: "new" });
    expect(illegal.status).toBe(409);
    const cancelled = await api<OrderDto>("POST", `/orders/${o.id}/status`, {
      status: "cancelled",
      reason: "Pelanggan batal",
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    await waitFor(async () => (changesOf(mine, o.id).length === 4 ? true : undefined));

    expect(changesOf(mine, o.id)).toEqual([
      {
        id: o.id,
        number: o.number,
        status: "new",
        kind: "created",
        contactId: o.customer.contactId,
        outletId: o.outletId,
      },
      {
        id: o.id,
        number: o.number,
        status: "new",
        kind: "edited",
        contactId: o.customer.contactId,
        outletId: o.outletId,
      },
      {
        id: o.id,
        number: o.number,
        status: "confirmed",
        kind: "status",
        contactId: o.customer.contactId,
        outletId: o.outletId,
      },
      {
        id: o.id,
        number: o.number,
        status: "cancelled",
        kind: "status",
        contactId: o.customer.contactId,
        outletId: o.outletId,
      },
    ]);
    // Announced after commit: another connection already read the new status each time.
    expect(await Promise.all(seenAtAnnounce)).toEqual(["new", "new", "confirmed", "cancelled"]);
    // Another shop's socket got nothing about it (its own events arrive in order: a marker
    // sent to it after everything above has reached it when we look).
    k.bus.emit("channel.status", { tenantId: other.tenantId, channelId: "fence", status: "connected" });
    await waitFor(async () => (theirs.events.some((e) => e.name === "channel.status") ? true : undefined));
    expect(theirs.events.filter((e) => e.name === "order.changed")).toEqual([]);
  });
});

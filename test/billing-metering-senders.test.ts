/**
 * Quota metering outside campaigns in SaaS mode (issue 14, docs/billing.md "Quota
 * metering"), over the sandbox network: an auto-reply and an order message take a unit when
 * sent and are cancelled `quota_exhausted` with none left (the customer's phone gets
 * nothing); an expired or suspended shop sends neither (`subscription_inactive`) and its
 * agents' replies are refused 402; agents' replies take a unit only when the package counts
 * them.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import type { LogEntryDto, RuleDto } from "../src/modules/automation/schemas.js";
import { resumeSubscription, suspendSubscription } from "../src/modules/billing/index.js";
import type { MessageDto } from "../src/modules/inbox/schemas.js";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import type { OrderMessageDto } from "../src/modules/order-messages/schemas.js";
import {
  phoneInbox as phoneInboxOf,
  setUnitsLeft as setUnitsLeftOf,
  subscribeShop,
  unitsLeft as unitsLeftOf,
} from "./support/billing.js";
import { apiClient, errorOf, ok, untilConnected, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { customerWrites, sandboxCustomer } from "./support/customers.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let db: Db;
let tenantId: string;
let channelId: string;
let bisnisId: string;
let customers = 0;

beforeAll(async () => {
  k = await startTestKabar({ KABAR_MODE: "saas" }, { automation: { delayScale: 0 } });
  api = apiClient(k.http!, { cookie: k.cookie });
  db = k.database.db;
  tenantId = k.owner.tenantId;
  bisnisId = await subscribeShop(db, tenantId, "bisnis");
  channelId = (await firstChannel(api)).id;
  await untilConnected(api, channelId);
  await factory(k).product({ sku: "KOPI-SUSU", name: "Kopi Susu 1 L", price: 60_000 });
});
afterAll(() => k?.close());

const setUnitsLeft = (left: number) => setUnitsLeftOf(db, tenantId, left);
const unitsLeft = () => unitsLeftOf(db, tenantId);
const phoneInbox = (phone: string) => phoneInboxOf(api, phone);

const newCustomer = (name: string): Promise<string> =>
  sandboxCustomer(k, { phone: `+628573777${String(++customers).padStart(4, "0")}`, name });

/** The rule's settled log entry for the customer's message `text`. */
function settledReply(ruleId: string, after: number): Promise<LogEntryDto> {
  return waitFor(async () => {
    const log = await ok(api<LogEntryDto[]>("GET", `/automation/rules/${ruleId}/log`));
    return log.length > after && log[0]!.outcome !== "scheduled" ? log[0] : undefined;
  });
}

async function place(phone: string, name: string): Promise<OrderDto> {
  return ok(
    api<OrderDto>("POST", "/orders", {
      customer: { phone, name },
      lines: [{ sku: "KOPI-SUSU", quantity: 1 }],
      paymentMethod: "transfer",
      channelId,
    }),
    201,
  );
}

function settledOrderMessage(orderId: string): Promise<OrderMessageDto> {
  return waitFor(async () =>
    (await ok(api<OrderMessageDto[]>("GET", `/orders/${orderId}/messages`))).find(
      (m) => m.event === "created" && m.outcome !== "scheduled",
    ),
  );
}

describe("message units outside campaigns (SaaS mode)", () => {
  it("an auto-reply takes a unit when sent, and is cancelled quota_exhausted with none left", async () => {
    const rule = await ok(
      api<RuleDto>("POST", "/automation/rules", {
        name: "Cadangan",
        type: "fallback",
        reply: "Pesan diterima, admin segera membalas",
        cooldownSeconds: 0,
        priority: 0,
      }),
      201,
    );
    const phone = await newCustomer("Budi");
    await setUnitsLeft(0);
    await customerWrites(api, k.bus, channelId, phone, "Halo kak");
    const refused = await settledReply(rule.id, 0);
    expect(refused).toMatchObject({ outcome: "cancelled", error: "quota_exhausted" });
    expect(await phoneInbox(phone)).toEqual([]);

    await setUnitsLeft(5);
    await customerWrites(api, k.bus, channelId, phone, "Halo lagi");
    expect(await settledReply(rule.id, 1)).toMatchObject({ outcome: "sent" });
    expect(await phoneInbox(phone)).toEqual(["Pesan diterima, admin segera membalas"]);
    expect(await unitsLeft()).toBe(4);
    await ok(api("DELETE", `/automation/rules/${rule.id}`), 204);
  });

  it("an order message takes a unit when sent, and is cancelled quota_exhausted with none left", async () => {
    const phone = await newCustomer("Sari");
    await setUnitsLeft(0);
    const first = await settledOrderMessage((await place(phone, "Sari")).id);
    expect(first).toMatchObject({ outcome: "cancelled", reason: "quota_exhausted" });
    expect(await phoneInbox(phone)).toEqual([]);

    await setUnitsLeft(3);
    const second = await settledOrderMessage((await place(phone, "Sari")).id);
    expect(second).toMatchObject({ outcome: "sent" });
    expect((await phoneInbox(phone)).length).toBe(1);
    expect(await unitsLeft()).toBe(2);
  });

  it("agents' replies are free unless the package counts them; counted, none left is 402 quota_exhausted", async () => {
    const phone = await newCustomer("Dewi");
    const conversation = await customerWrites(api, k.bus, channelId, phone, "Kak, stok ada?");
    await setUnitsLeft(0);
    // Bisnis does not count agents' replies: a reply goes with no unit left.
    await ok(api<MessageDto>("POST", `/conversations/${conversation.id}/messages`, { text: "Ada kak" }), 201);
    expect(await unitsLeft()).toBe(0);

    await db.execute(sql`UPDATE packages SET counts_agent_replies = true WHERE id = ${bisnisId}`);
    try {
      const refused = await api("POST", `/conversations/${conversation.id}/messages`, { text: "Mau pesan?" });
      expect(refused.status).toBe(402);
      expect(errorOf(refused).code).toBe("quota_exhausted");
      await setUnitsLeft(2);
      await ok(
        api<MessageDto>("POST", `/conversations/${conversation.id}/messages`, { text: "Mau pesan?" }),
        201,
      );
      expect(await unitsLeft()).toBe(1);
      await waitFor(async () => ((await phoneInbox(phone)).length === 2 ? true : undefined));
    } finally {
      await db.execute(sql`UPDATE packages SET counts_agent_replies = false WHERE id = ${bisnisId}`);
    }
  });

  it("a suspended shop sends no auto-reply or order message (subscription_inactive) and its agents' replies are refused", async () => {
    await setUnitsLeft(10);
    const phone = await newCustomer("Eko");
    const conversation = await customerWrites(api, k.bus, channelId, phone, "Permisi");
    await db.transaction((tx) => suspendSubscription(tx, tenantId, "test"));
    try {
      const reply = await api("POST", `/conversations/${conversation.id}/messages`, { text: "Ya kak" });
      expect(reply.status).toBe(402);
      expect(errorOf(reply).code).toBe("subscription_inactive");
      const m = await settledOrderMessage((await place(phone, "Eko")).id);
      expect(m).toMatchObject({ outcome: "cancelled", reason: "subscription_inactive" });
      expect(await phoneInbox(phone)).toEqual([]);
      expect(await unitsLeft()).toBe(10);
    } finally {
      await db.transaction((tx) => resumeSubscription(tx, tenantId, new Date(), 3));
    }
  });
});

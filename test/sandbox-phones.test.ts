/**
 * Every number a sandbox number writes to has a virtual phone the shop can open, not only
 * the 50 demo customers (issue 11, item 12): an imported customer sent a campaign shows
 * on the sandbox phones page, their phone shows the campaign and the shop's inbox reply,
 * their reply from it reaches the inbox, and the phone is still there after a restart.
 * A second shop writing to a number the first shop's phone has opens it too, and sees
 * only its own messages there. And the "typing…" an auto-reply shows before it answers
 * (the README's promise, item 17) reaches that phone.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { addTenant, apiClient, ok, uploadContacts, type Api } from "./support/api.js";
import { startCampaign, untilCampaign, sentCount } from "./support/campaigns.js";
import { connectedSandboxChannel, firstChannel } from "./support/channels.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

interface PhoneDto {
  phone: string;
  name: string;
  onWhatsApp: boolean;
}
interface PhoneMessage {
  direction: "in" | "out";
  channelId?: string;
  text?: string;
}
interface Conversation {
  id: string;
  phone: string;
}
interface ThreadMessage {
  direction: "in" | "out";
  text: string | null;
}

let url: string;
let k: TestKabar;
let api: Api;
let channelId: string;
/** An imported customer who is not one of the demo 50, and is on WhatsApp. */
let phone: string;

const phonePath = (p: string) => `/sandbox/phones/${encodeURIComponent(p)}/messages`;
const phones = async (a: Api) => (await ok(a<PhoneDto[]>("GET", "/sandbox/phones"))).map((p) => p.phone);

beforeAll(async () => {
  url = await createTestDatabase();
  k = await startTestKabar({}, {}, url);
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await firstChannel(api)).id;
  const demo = new Set(await phones(api));
  // A number of the sandbox's world that is on WhatsApp and no demo customer.
  for (let i = 1; !phone; i++) {
    const candidate = `+6285791${String(i).padStart(5, "0")}`;
    if (!demo.has(candidate) && k.sandbox.phone(candidate).onWhatsApp) phone = candidate;
  }
  await ok(
    uploadContacts(api, "pelanggan.csv", `nama,telepon\nBudi Impor,${phone}\n`, { labels: "impor" }),
    201,
  );
});
afterAll(async () => {
  await k?.stop();
  await dropTestDatabase(url);
});

describe("sandbox phones of imported customers", () => {
  it("a customer sent a campaign gets a phone that shows the message, and their reply reaches the inbox", async () => {
    expect(await phones(api)).not.toContain(phone);
    const campaign = await startCampaign(api, {
      name: "Promo impor",
      channelId,
      body: "Halo {{name}}, promo untuk pelanggan baru",
      audience: { type: "labels", labels: ["impor"], match: "any" },
    });
    await untilCampaign(api, campaign.id, (c) => sentCount(c) === 1);

    expect(await phones(api)).toContain(phone);
    const received = await waitFor(async () => {
      const list = await ok(api<PhoneMessage[]>("GET", phonePath(phone)));
      return list.find((m) => m.direction === "in") ? list : undefined;
    });
    expect(received.find((m) => m.direction === "in")).toMatchObject({
      channelId,
      text: "Halo Budi Impor, promo untuk pelanggan baru",
    });

    await ok(api("POST", phonePath(phone), { channelId, text: "Mau pesan dua, kak" }));
    const conversation = await waitFor(async () =>
      (await ok(api<Conversation[]>("GET", "/conversations?limit=200"))).find((c) => c.phone === phone),
    );
    const thread = await waitFor(async () => {
      const list = await ok(api<ThreadMessage[]>("GET", `/conversations/${conversation.id}/messages`));
      return list.some((m) => m.text === "Mau pesan dua, kak") ? list : undefined;
    });
    expect(thread.find((m) => m.text === "Mau pesan dua, kak")?.direction).toBe("in");
  });

  it("a customer the shop answers from the inbox has a phone that shows the answer", async () => {
    const conversation = (await ok(api<Conversation[]>("GET", "/conversations?limit=200"))).find(
      (c) => c.phone === phone,
    )!;
    await ok(
      api("POST", `/conversations/${conversation.id}/messages`, { text: "Siap, kak, kami kirim" }),
      201,
    );
    await waitFor(async () =>
      (await ok(api<PhoneMessage[]>("GET", phonePath(phone)))).some(
        (m) => m.direction === "in" && m.text === "Siap, kak, kami kirim",
      )
        ? true
        : undefined,
    );
  });

  it("the phone is still there after Kabar restarts, and a number written to before this fix gets one then", async () => {
    // What a Kabar before every recipient got a phone left: a message to a number with none.
    const earlier = "+628579100099";
    expect(await phones(api)).not.toContain(earlier);
    await k.database.db.execute(sql`
      INSERT INTO sandbox_messages (channel_id, message_id, direction, phone, text, at)
      VALUES (${channelId}, 'earlier-1', 'in', ${earlier}, 'Promo bulan lalu', ${Date.now() - 86_400_000})`);

    await k.stop();
    k = await startTestKabar({}, {}, url);
    api = apiClient(k.http!, { cookie: k.cookie });
    expect(await phones(api)).toContain(phone);
    const list = await ok(api<PhoneMessage[]>("GET", phonePath(phone)));
    expect(list.map((m) => m.text)).toEqual(
      expect.arrayContaining(["Halo Budi Impor, promo untuk pelanggan baru", "Mau pesan dua, kak"]),
    );
    expect(await phones(api)).toContain(earlier);
    expect((await ok(api<PhoneMessage[]>("GET", phonePath(earlier)))).map((m) => m.text)).toEqual([
      "Promo bulan lalu",
    ]);
  });

  it("another shop writing to a number the first shop's phone has opens it, with its own messages only", async () => {
    const demoContact = (
      await ok(api<{ items: ContactDto[] }>("GET", `/contacts?label=${DEMO_LABEL}&pageSize=200`))
    ).items.find((c) => k.sandbox.phone(c.phone).onWhatsApp)!;
    const shopB = await addTenant(k, "Toko Kedua", "pemilik@toko-kedua.test", "kedua-rahasia-789");
    const b = shopB.api;
    expect(await phones(b)).not.toContain(demoContact.phone);
    expect((await b("GET", phonePath(demoContact.phone))).status).toBe(404);

    const bChannel = await connectedSandboxChannel(b, "WhatsApp Toko Kedua");
    await ok(uploadContacts(b, "b.csv", `nama,telepon\nPelanggan B,${demoContact.phone}\n`), 201);
    const campaign = await startCampaign(b, {
      name: "Kampanye B",
      channelId: bChannel.id,
      body: "Halo dari toko kedua",
      audience: { type: "all" },
    });
    await untilCampaign(b, campaign.id, (c) => sentCount(c) === 1);

    expect(await phones(b)).toContain(demoContact.phone);
    const seenByB = await ok(b<PhoneMessage[]>("GET", phonePath(demoContact.phone)));
    // What B's number sent there (the customer may already be answering it).
    expect(seenByB.filter((m) => m.direction === "in").map((m) => m.text)).toEqual(["Halo dari toko kedua"]);
    // Shop A still has its demo customer, and does not see B's message on it.
    expect(await phones(api)).toContain(demoContact.phone);
    const seenByA = await ok(api<PhoneMessage[]>("GET", phonePath(demoContact.phone)));
    expect(seenByA.map((m) => m.text)).not.toContain("Halo dari toko kedua");
  });

  it("while an auto-reply waits its human-like delay, the customer's phone shows the shop typing", async () => {
    const typing: Array<{ phone: string; typing: boolean }> = [];
    const off = k.bus.on("sandbox.typing", (e) => e.tenantId === k.owner.tenantId && typing.push(e));
    try {
      await ok(
        api("POST", "/automation/rules", {
          name: "Ongkir",
          type: "keyword",
          config: { keywords: ["ongkir"] },
          reply: "Ongkir ke kota kakak gratis",
          channelId,
          delayMinSeconds: 1,
          delayMaxSeconds: 1,
        }),
        201,
      );
      await ok(api("POST", phonePath(phone), { channelId, text: "Berapa ongkir, kak?" }));
      await waitFor(async () => (typing.some((e) => e.phone === phone && e.typing) ? true : undefined));
      const reply = await waitFor(async () =>
        (await ok(api<PhoneMessage[]>("GET", phonePath(phone)))).find(
          (m) => m.direction === "in" && m.text === "Ongkir ke kota kakak gratis",
        ),
      );
      expect(reply.channelId).toBe(channelId);
      await waitFor(async () => (typing.some((e) => e.phone === phone && !e.typing) ? true : undefined));
      expect(typing.filter((e) => e.phone === phone).map((e) => e.typing)).toEqual([true, false]);
    } finally {
      off();
    }
  });
});

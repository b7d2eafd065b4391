/**
 * Customers writing in, as the shop sees it in its inbox and contacts: a stranger becomes
 * a contact named by their WhatsApp profile, messages open a conversation and count as
 * unread, a message delivered twice is stored once, names typed by the shop are kept,
 * and opt-out words (the shop's own list) opt the customer out.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VirtualPhone } from "../src/channels/sandbox/behaviour.js";
import type { InboundMessage } from "../src/channels/transport.js";
import { messages } from "../src/db/schema/index.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import type { TenantDto } from "../src/modules/tenants/service.js";
import { apiClient, ok, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let channelId: string;
/** DB ids of the inbound messages the inbox has finished storing (`message.new`). */
const stored = new Set<string>();
let customers = 0;

interface Conversation {
  id: string;
  contactId: string;
  unreadCount: number;
}

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await firstChannel(api)).id;
  k.bus.on("message.new", (e) => e.direction === "in" && stored.add(e.messageId));
});
afterAll(async () => k?.close());

/** Registers a new virtual customer of the shop whose WhatsApp profile name is `profileName`. */
async function newCustomer(profileName: string): Promise<string> {
  const phone: VirtualPhone = {
    phone: `+628571234${String(++customers).padStart(4, "0")}`,
    name: profileName,
    onWhatsApp: true,
    readRate: 0,
    replyRate: 0,
    latencyMs: 500,
  };
  await k.sandboxStore.savePhonesFor(k.owner.tenantId, [phone]);
  await k.sandbox.addPhones([phone]);
  return phone.phone;
}

/** The customer writes `text` to the shop; resolves once the inbox has fully handled it. */
async function writes(
  phone: string,
  text: string,
): Promise<{ contact: ContactDto; conversation: Conversation }> {
  const { messageId } = await ok(
    api<{ messageId: string }>("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, {
      channelId,
      text,
    }),
  );
  const row = await waitFor(async () => {
    const [m] = await k.database.db.select().from(messages).where(eq(messages.externalId, messageId));
    return m && stored.has(m.id) ? m : undefined;
  });
  return { contact: await contact(row.contactId), conversation: await conversationOf(row.contactId) };
}

function contact(id: string): Promise<ContactDto> {
  return ok(api<ContactDto>("GET", `/contacts/${id}`));
}

async function conversationOf(contactId: string): Promise<Conversation> {
  const all = await ok(api<Conversation[]>("GET", "/conversations?limit=200"));
  const found = all.find((c) => c.contactId === contactId);
  if (!found) throw new Error(`no conversation with contact ${contactId}`);
  return found;
}

describe("a customer writing to the shop", () => {
  it("becomes a contact named by their WhatsApp profile, with an unread conversation", async () => {
    const phone = await newCustomer("Rina Maharani");
    const first = await writes(phone, "Kak, masih ada stok?");
    expect(first.contact).toMatchObject({ phone, name: "Rina Maharani", optedOut: false });
    expect(first.conversation.unreadCount).toBe(1);

    const second = await writes(phone, "Yang warna merah");
    expect(second.contact.id).toBe(first.contact.id);
    expect(second.conversation).toMatchObject({ id: first.conversation.id, unreadCount: 2 });
    const thread = await ok(
      api<Array<{ direction: string; text: string }>>(
        "GET",
        `/conversations/${first.conversation.id}/messages`,
      ),
    );
    expect(thread.map((m) => [m.direction, m.text])).toEqual([
      ["in", "Kak, masih ada stok?"],
      ["in", "Yang warna merah"],
    ]);
  });

  it("stores a message delivered twice only once", async () => {
    const phone = await newCustomer("Dedi Kurniawan");
    const { contact: dedi, conversation } = await writes(phone, "Halo");
    const channel = { id: channelId, tenantId: k.owner.tenantId };
    const message = (messageId: string): InboundMessage => ({
      messageId,
      from: phone,
      profileName: "Dedi Kurniawan",
      text: "Pesan 2 ya",
      at: Date.now(),
    });

    expect(await k.services.inbox.receive(channel, message("dup-1"))).toBe(true);
    expect(await k.services.inbox.receive(channel, message("dup-1"))).toBe(false);
    const racing = await Promise.all([
      k.services.inbox.receive(channel, message("dup-2")),
      k.services.inbox.receive(channel, message("dup-2")),
    ]);
    expect(racing.sort()).toEqual([false, true]);

    const thread = await ok(
      api<Array<{ text: string }>>("GET", `/conversations/${conversation.id}/messages`),
    );
    expect(thread.map((m) => m.text)).toEqual(["Halo", "Pesan 2 ya", "Pesan 2 ya"]);
    expect((await conversationOf(dedi.id)).unreadCount).toBe(3);
  });

  it("keeps a name the shop typed, and fills a missing one from the profile", async () => {
    const named = await newCustomer("Ani Profil");
    const unnamed = await newCustomer("Joko Susilo");
    await ok(api("POST", "/contacts", { phone: named, name: "Bu Ani Langganan" }), 201);
    await ok(api("POST", "/contacts", { phone: unnamed }), 201);

    expect((await writes(named, "Pesan seperti biasa ya")).contact.name).toBe("Bu Ani Langganan");
    expect((await writes(unnamed, "Halo kak")).contact.name).toBe("Joko Susilo");
  });

  it("opts out a customer who sends an opt-out word alone, whatever its case and punctuation", async () => {
    for (const text of ["Stop!", " berhenti ", "UNSUBSCRIBE."]) {
      const { contact: c } = await writes(await newCustomer(`Pelanggan ${text.trim()}`), text);
      expect([text, c.optedOut, c.optedOutAt !== null]).toEqual([text, true, true]);
    }
    const { contact: c } = await writes(await newCustomer("Bukan Berhenti"), "Jangan stop kirim promonya ya");
    expect(c.optedOut).toBe(false);
  });

  it("uses the shop's own opt-out words", async () => {
    const tenant = await ok(api<TenantDto>("PATCH", "/tenant", { optOutKeywords: ["BERHENTI", "CUKUP"] }));
    expect(tenant.optOutKeywords).toEqual(["BERHENTI", "CUKUP"]);

    expect((await writes(await newCustomer("Sri Cukup"), "cukup")).contact.optedOut).toBe(true);
    expect((await writes(await newCustomer("Agus Stop"), "STOP")).contact.optedOut).toBe(false);
    await ok(api("PATCH", "/tenant", { optOutKeywords: ["STOP", "BERHENTI", "UNSUBSCRIBE"] }));
  });
});

import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client.js";
import { makeVirtualCustomers } from "../../channels/sandbox/behaviour.js";
import type { PgSandboxStore } from "../sandbox/index.js";
import { hashPassword } from "../auth/index.js";
import { syncChannelTemplates } from "../../channels/cloud-api/index.js";
import { insertChannel, insertSandboxCloudApiChannel } from "../channels/index.js";
import { upsertContacts } from "../contacts/index.js";
import { insertOutlet } from "../outlets/index.js";
import { insertUser } from "../users/index.js";
import { insertTenant, tenantCount } from "./queries.js";

/** A demo customer's first message to the demo number (see {@link DEMO_WARM_CUSTOMERS}). */
export interface DemoFirstMessage {
  /** The customer's phone (E.164). */
  from: string;
  /** The demo number (E.164). */
  to: string;
  text: string;
}

/** What the first start created; `password` is set only when Kabar generated it. */
export interface DemoSeed {
  tenantId: string;
  email: string;
  password?: string;
  channelId: string;
  /**
   * Messages a few demo customers write to the demo number once it is up, so the demo has
   * customers who wrote first (warm: no new chat; issue 15). Sent by the caller when the
   * sandbox plays WhatsApp's new-chat cap (KABAR_SANDBOX_NEW_CHAT_CAP).
   */
  firstMessages: DemoFirstMessage[];
  /** The demo customers' contacts (phone E.164, name), in the sandbox's order: the demo orders are theirs. */
  customers: Array<{ contactId: string; phone: string; name: string | null }>;
}

/** The number of the demo sandbox channel ("WhatsApp Toko Contoh"). */
const DEMO_CHANNEL_PHONE = "+6281100000001";
export const DEMO_CUSTOMERS = 50;
export const DEMO_LABEL = "pelanggan-demo";
/**
 * Demo customers who write to the demo number first. A new number may start about 20 new
 * chats on its first day (src/channels/sandbox/restrictions.ts), so the demo's first
 * campaign to the 50 customers sends to these and to the first new chats, and holds the
 * rest until the next day: the campaign and the numbers page tell why.
 */
export const DEMO_WARM_CUSTOMERS = 8;
const FIRST_WORDS = [
  "Halo kak, stok masih ada?",
  "Kak, hari ini buka sampai jam berapa?",
  "Mau tanya harga yang kemarin, kak",
  "Pesanan saya sudah dikirim belum ya?",
];

/**
 * On the very first start (no tenant yet): the demo shop "Toko Contoh", its one outlet, its owner, a
 * connected sandbox channel on the clearly labelled `demo` pacing preset, and 50 virtual
 * customers, also imported as contacts labelled `pelanggan-demo`; with `secretKey`, also a
 * sandbox Cloud API number (its secrets sealed under it) whose approved MARKETING template
 * `promo_bulanan` is synced. Does nothing later.
 * @returns the seed, or null when a tenant already existed.
 */
export async function seedDemo(
  db: Db,
  store: PgSandboxStore,
  opts: { email: string; password?: string; sandboxSeed: string; secretKey?: Buffer },
): Promise<DemoSeed | null> {
  if ((await tenantCount(db)) > 0) return null;
  const password = opts.password ?? randomBytes(9).toString("base64url");
  const tenantId = await insertTenant(db, "Toko Contoh");
  // Every shop has an outlet (issue 13): its numbers belong to it.
  const outlet = await insertOutlet(db, { tenantId, name: "Toko Contoh" });
  await insertUser(db, {
    tenantId,
    email: opts.email.toLowerCase(),
    name: "Pemilik Toko",
    passwordHash: await hashPassword(password),
    role: "owner",
  });
  // The sandbox Cloud API number first: numbers are listed newest first, and the WhatsApp
  // Web sandbox number stays the demo's first. Its WABA's approved templates (promo_bulanan)
  // are synced at once, ready for a template campaign.
  const cloud = opts.secretKey
    ? await insertSandboxCloudApiChannel(db, opts.secretKey, {
        tenantId,
        name: "WhatsApp Resmi Toko Contoh (sandbox Cloud API)",
      })
    : null;
  if (cloud) await syncChannelTemplates(db, opts.secretKey!, cloud);
  const channel = await insertChannel(db, {
    tenantId,
    name: "WhatsApp Toko Contoh (sandbox)",
    kind: "sandbox",
    phone: DEMO_CHANNEL_PHONE,
    status: "connecting",
    pacingPreset: "demo",
  });
  await store.setPaired(channel.id, true);
  // Demo customers are chattier than the average customer, so a newcomer sees reads and
  // replies arrive while the first campaign is still running.
  const customers = makeVirtualCustomers(opts.sandboxSeed, DEMO_CUSTOMERS).map((c) => ({
    ...c,
    readRate: Math.max(c.readRate, 0.8),
    replyRate: Math.max(c.replyRate, 0.4),
  }));
  await store.savePhonesFor(tenantId, customers);
  const contacts = await upsertContacts(
    db,
    tenantId,
    customers.map((c) => ({ phone: c.phone, name: c.name, attributes: {}, labels: [DEMO_LABEL] })),
    "import",
    outlet!.id,
  );
  return {
    tenantId,
    email: opts.email,
    password: opts.password ? undefined : password,
    channelId: channel.id,
    firstMessages: customers
      .filter((c) => c.onWhatsApp)
      .slice(0, DEMO_WARM_CUSTOMERS)
      .map((c, i) => ({ from: c.phone, to: DEMO_CHANNEL_PHONE, text: FIRST_WORDS[i % FIRST_WORDS.length]! })),
    customers: customers.map((c) => ({
      contactId: contacts.find((o) => o.phone === c.phone)!.id,
      phone: c.phone,
      name: c.name,
    })),
  };
}

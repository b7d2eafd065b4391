import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client.js";
import { makeVirtualCustomers } from "../../channels/sandbox/behaviour.js";
import type { PgSandboxStore } from "../sandbox/index.js";
import { hashPassword } from "../auth/index.js";
import { insertChannel } from "../channels/index.js";
import { upsertContacts } from "../contacts/index.js";
import { insertUser } from "../users/index.js";
import { insertTenant, tenantCount } from "./queries.js";

/** What the first start created; `password` is set only when Kabar generated it. */
export interface DemoSeed {
  tenantId: string;
  email: string;
  password?: string;
  channelId: string;
}

/** The number of the demo sandbox channel ("WhatsApp Toko Contoh"). */
const DEMO_CHANNEL_PHONE = "+6281100000001";
export const DEMO_CUSTOMERS = 50;
export const DEMO_LABEL = "pelanggan-demo";

/**
 * On the very first start (no tenant yet): the demo shop "Toko Contoh", its owner, a
 * connected sandbox channel on the clearly labelled `demo` pacing preset, and 50 virtual
 * customers, also imported as contacts labelled `pelanggan-demo`. Does nothing later.
 * @returns the seed, or null when a tenant already existed.
 */
export async function seedDemo(
  db: Db,
  store: PgSandboxStore,
  opts: { email: string; password?: string; sandboxSeed: string },
): Promise<DemoSeed | null> {
  if ((await tenantCount(db)) > 0) return null;
  const password = opts.password ?? randomBytes(9).toString("base64url");
  const tenantId = await insertTenant(db, "Toko Contoh");
  await insertUser(db, {
    tenantId,
    email: opts.email.toLowerCase(),
    name: "Pemilik Toko",
    passwordHash: await hashPassword(password),
    role: "owner",
  });
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
  await upsertContacts(
    db,
    tenantId,
    customers.map((c) => ({ phone: c.phone, name: c.name, attributes: {}, labels: [DEMO_LABEL] })),
    "import",
  );
  return {
    tenantId,
    email: opts.email,
    password: opts.password ? undefined : password,
    channelId: channel.id,
  };
}

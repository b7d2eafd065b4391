/**
 * Helpers for tests of WhatsApp Web channels on a real database: a channel row, a Baileys
 * transport on the fake WhatsApp with the PostgreSQL store, and a db handle that counts
 * transactions.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "../../src/db/client.js";
import { channels } from "../../src/db/schema/index.js";
import { PACING_PRESETS } from "../../src/channels/pacing.js";
import { createBaileysKind, type BaileysKindOptions } from "../../src/channels/baileys/index.js";
import type { BaileysTransport } from "../../src/channels/baileys/transport.js";
import { FakeWhatsApp, testContext } from "../../src/channels/baileys/testing.js";
import { defaultOutletId } from "./outlets.js";

/**
 * Inserts a WhatsApp Web channel of `tenantId` (status `disconnected`, so a running Kabar's
 * channel manager leaves it alone) and returns its id.
 */
export async function insertBaileysChannel(db: Db, tenantId: string, name = "WA Toko"): Promise<string> {
  const [c] = await db
    .insert(channels)
    .values({
      tenantId,
      outletId: await defaultOutletId(db, tenantId),
      name,
      kind: "whatsapp_web",
      pacing: PACING_PRESETS.safe,
      pacingPreset: "safe",
    })
    .returning({ id: channels.id });
  return c!.id;
}

/**
 * A Baileys transport of channel `channelId` on `db` (the PostgreSQL store, the test secret
 * key) and a fresh {@link FakeWhatsApp}, as the channel manager would build it. Call it
 * again with the same channel for a "restart".
 */
export function pgBaileys(db: Db, channelId: string, tenantId: string, opts: BaileysKindOptions = {}) {
  const whatsapp = new FakeWhatsApp();
  const ctx = testContext(channelId, join(tmpdir(), "kabar-baileys-it"), db, tenantId);
  const transport = createBaileysKind({
    makeSocket: whatsapp.makeSocket,
    downloadMedia: whatsapp.downloadMedia,
    ...opts,
  }).create(ctx) as BaileysTransport;
  return { whatsapp, transport, ctx };
}

/** `db` with `transaction()` calls counted (`count()`), to assert that a write is one transaction. */
export function countingTransactions(db: Db): { db: Db; count(): number } {
  let n = 0;
  const counted = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "transaction") {
        return (...args: Parameters<Db["transaction"]>) => {
          n++;
          return target.transaction(...args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { db: counted, count: () => n };
}

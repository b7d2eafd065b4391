/**
 * The PostgreSQL side of a Baileys channel: `baileys_auth` rows, the tenant's
 * `number_checks` cache and `whatsapp_jids`, and the channel's own number (through
 * ../channel-rows.ts, with the layer's other statements on `channels`).
 */
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { baileysAuth, contacts, numberChecks, whatsappJids } from "../../db/schema/index.js";
import { storeChannelPhone } from "../channel-rows.js";
import type { E164 } from "../transport.js";
import type { AuthRow, AuthRows, BaileysStore } from "./store.js";

/** Rows per INSERT: Baileys uploads ~800 pre-keys at once on first link. */
const INSERT_CHUNK = 500;

/** The channel's `baileys_auth` rows; `put` runs in one transaction. */
export function pgAuthRows(db: Db, channelId: string): AuthRows {
  return {
    async get(kind, ids) {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: baileysAuth.keyId, value: baileysAuth.value })
        .from(baileysAuth)
        .where(
          and(
            eq(baileysAuth.channelId, channelId),
            eq(baileysAuth.kind, kind),
            inArray(baileysAuth.keyId, ids),
          ),
        );
      return new Map(rows.map((r) => [r.id, r.value]));
    },
    async put(batch) {
      await db.transaction(async (tx) => {
        for (const [kind, ids] of groupDeletes(batch)) {
          await tx
            .delete(baileysAuth)
            .where(
              and(
                eq(baileysAuth.channelId, channelId),
                eq(baileysAuth.kind, kind),
                inArray(baileysAuth.keyId, ids),
              ),
            );
        }
        const upserts = batch.flatMap((r) =>
          r.value ? [{ channelId, kind: r.kind, keyId: r.id, value: r.value }] : [],
        );
        for (let i = 0; i < upserts.length; i += INSERT_CHUNK) {
          await tx
            .insert(baileysAuth)
            .values(upserts.slice(i, i + INSERT_CHUNK))
            .onConflictDoUpdate({
              target: [baileysAuth.channelId, baileysAuth.kind, baileysAuth.keyId],
              set: { value: sql`excluded.value`, updatedAt: sql`now()` },
            });
        }
      });
    },
    async wipe() {
      await db.delete(baileysAuth).where(eq(baileysAuth.channelId, channelId));
    },
  };
}

function groupDeletes(batch: AuthRow[]): Map<string, string[]> {
  const byKind = new Map<string, string[]>();
  for (const r of batch) if (!r.value) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
  return byKind;
}

/** Everything a Baileys channel persists, in PostgreSQL, scoped to its tenant. */
export function pgBaileysStore(db: Db, channel: { id: string; tenantId: string }): BaileysStore {
  const { tenantId } = channel;
  return {
    auth: pgAuthRows(db, channel.id),
    numberChecks: {
      async fresh(phones, maxAgeMs) {
        if (phones.length === 0) return new Map();
        const rows = await db
          .select({ phone: numberChecks.phone, onWhatsApp: numberChecks.onWhatsApp })
          .from(numberChecks)
          .where(
            and(
              eq(numberChecks.tenantId, tenantId),
              inArray(numberChecks.phone, phones),
              gt(numberChecks.checkedAt, new Date(Date.now() - maxAgeMs)),
            ),
          );
        return new Map(rows.map((r) => [r.phone, r.onWhatsApp]));
      },
      async record(answers) {
        if (answers.size === 0) return;
        await db
          .insert(numberChecks)
          .values(
            [...answers].map(([phone, onWhatsApp]) => ({
              tenantId,
              phone,
              onWhatsApp,
              checkedAt: new Date(),
            })),
          )
          .onConflictDoUpdate({
            target: [numberChecks.tenantId, numberChecks.phone],
            set: { onWhatsApp: sql`excluded.on_whatsapp`, checkedAt: sql`excluded.checked_at` },
          });
      },
    },
    jids: {
      async phoneOf(jid) {
        const [row] = await db
          .select({ phone: contacts.phone })
          .from(whatsappJids)
          .innerJoin(contacts, eq(contacts.id, whatsappJids.contactId))
          .where(and(eq(whatsappJids.tenantId, tenantId), eq(whatsappJids.jid, jid)));
        return row?.phone ?? null;
      },
      async link(jid, phone: E164) {
        const r = await db.execute(sql`
          INSERT INTO whatsapp_jids (tenant_id, jid, contact_id)
          SELECT ${tenantId}, ${jid}, id FROM contacts WHERE tenant_id = ${tenantId} AND phone = ${phone}
          ON CONFLICT (tenant_id, jid) DO UPDATE SET contact_id = excluded.contact_id`);
        return (r.rowCount ?? 0) > 0;
      },
    },
    async setChannelPhone(phone) {
      await storeChannelPhone(db, channel.id, phone);
    },
  };
}

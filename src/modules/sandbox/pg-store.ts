import { and, asc, eq, gte, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { HeldWrites } from "../../db/held-writes.js";
import { channels, sandboxMessages, sandboxPairings, sandboxPhones } from "../../db/schema/index.js";
import type { E164 } from "../../channels/transport.js";
import type { VirtualPhone } from "../../channels/sandbox/behaviour.js";
import type {
  PhoneInboxEntry,
  SandboxDelivery,
  SandboxPhoneMessage,
  SandboxStore,
} from "../../channels/sandbox/store.js";

type SandboxMessageRow = typeof sandboxMessages.$inferSelect;

/** A `sandbox_messages` row of direction 'in' as the delivery it records. */
function toDelivery(m: SandboxMessageRow, channelPhone: string | null): SandboxDelivery {
  return {
    channelId: m.channelId,
    messageId: m.messageId,
    from: channelPhone ?? "",
    to: m.phone,
    text: m.text ?? undefined,
    media: (m.media as SandboxDelivery["media"]) ?? undefined,
    at: m.at,
  };
}

/**
 * The sandbox network's memory in PostgreSQL, so it behaves like WhatsApp across restarts:
 * a message id delivered once is never delivered again (primary key on channel and
 * message id), linked devices stay linked, phones keep what they received.
 * Virtual phones belong to the tenant that created them (`tenantId` for new phones).
 */
export class PgSandboxStore implements SandboxStore {
  /**
   * A virtual customer's message is the network's, not Kabar's: like WhatsApp's servers,
   * the sandbox does not lose it when Kabar's database is away; its write waits (at most
   * DEFAULT_MAX_HELD, see src/db/held-writes.ts) until the database is back.
   */
  private readonly phoneMessages = new HeldWrites();

  constructor(private readonly db: Db) {}

  async recordDeliveries(items: SandboxDelivery[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const payload = JSON.stringify(
      items.map((d) => ({
        channel_id: d.channelId,
        message_id: d.messageId,
        phone: d.to,
        text: d.text ?? null,
        media: d.media ?? null,
        at: d.at,
      })),
    );
    const r = await this.db.execute<{ message_id: string }>(sql`
      INSERT INTO sandbox_messages (channel_id, message_id, direction, phone, text, media, at)
      SELECT r.channel_id, r.message_id, 'in', r.phone, r.text, r.media, r.at
      FROM jsonb_to_recordset(${payload}::jsonb) AS r(channel_id uuid, message_id text, phone text, text text, media jsonb, at bigint)
      ON CONFLICT DO NOTHING RETURNING message_id`);
    return new Set(r.rows.map((x) => x.message_id));
  }

  async listDeliveries(channelId: string, sinceMs: number): Promise<SandboxDelivery[]> {
    const rows = await this.db
      .select({ m: sandboxMessages, channelPhone: channels.phone })
      .from(sandboxMessages)
      .innerJoin(channels, eq(channels.id, sandboxMessages.channelId))
      .where(
        and(
          eq(sandboxMessages.channelId, channelId),
          eq(sandboxMessages.direction, "in"),
          gte(sandboxMessages.at, sinceMs),
        ),
      )
      .orderBy(asc(sandboxMessages.at), asc(sandboxMessages.messageId));
    return rows.map(({ m, channelPhone }) => toDelivery(m, channelPhone));
  }

  async firstMessagesFrom(channel: { id: string; phone: E164 }, phones: E164[]): Promise<Map<E164, number>> {
    if (phones.length === 0) return new Map();
    const rows = await this.db
      .select({ phone: sandboxMessages.phone, at: sql<string>`min(${sandboxMessages.at})` })
      .from(sandboxMessages)
      .where(
        and(
          eq(sandboxMessages.channelId, channel.id),
          eq(sandboxMessages.direction, "out"),
          inArray(sandboxMessages.phone, [...new Set(phones)]),
        ),
      )
      .groupBy(sandboxMessages.phone);
    return new Map(rows.map((r) => [r.phone, Number(r.at)]));
  }

  async recordPhoneMessage(m: SandboxPhoneMessage): Promise<void> {
    const written = await this.phoneMessages.run(() => this.insertPhoneMessage(m));
    if (!written) throw new Error("The sandbox gave up a phone message: the database stayed unavailable");
  }

  private async insertPhoneMessage(m: SandboxPhoneMessage): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO sandbox_messages (channel_id, message_id, direction, phone, text, at)
      SELECT id, ${m.messageId}, 'out', ${m.from}, ${m.text}, ${m.at} FROM channels
      WHERE kind = 'sandbox' AND phone = ${m.to}
      ON CONFLICT DO NOTHING`);
  }

  async getPhones(): Promise<VirtualPhone[]> {
    const rows = await this.db.select().from(sandboxPhones);
    return rows.map((p) => ({
      phone: p.phone,
      name: p.name,
      onWhatsApp: p.onWhatsApp,
      readRate: p.readRate,
      replyRate: p.replyRate,
      optOutRate: p.optOutRate,
      latencyMs: p.latencyMs,
      replies: p.replies ?? undefined,
    }));
  }

  /**
   * Updates the behaviour of phones already registered. A phone belongs to a tenant, so a
   * new one is registered with {@link savePhonesFor} first.
   */
  async savePhones(phones: VirtualPhone[]): Promise<void> {
    for (const p of phones) {
      await this.db
        .update(sandboxPhones)
        .set({
          name: p.name,
          onWhatsApp: p.onWhatsApp,
          readRate: p.readRate,
          replyRate: p.replyRate,
          optOutRate: p.optOutRate ?? 0,
          latencyMs: p.latencyMs,
          replies: p.replies ?? null,
        })
        .where(eq(sandboxPhones.phone, p.phone));
    }
  }

  /** Registers virtual phones for a tenant (replacing ones with the same number). */
  async savePhonesFor(tenantId: string, phones: VirtualPhone[]): Promise<void> {
    if (phones.length === 0) return;
    await this.db
      .insert(sandboxPhones)
      .values(
        phones.map((p) => ({
          phone: p.phone,
          tenantId,
          name: p.name,
          onWhatsApp: p.onWhatsApp,
          readRate: p.readRate,
          replyRate: p.replyRate,
          optOutRate: p.optOutRate ?? 0,
          latencyMs: p.latencyMs,
          replies: p.replies ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: sandboxPhones.phone,
        set: {
          name: sql`excluded.name`,
          onWhatsApp: sql`excluded.on_whatsapp`,
          readRate: sql`excluded.read_rate`,
          replyRate: sql`excluded.reply_rate`,
          optOutRate: sql`excluded.opt_out_rate`,
          latencyMs: sql`excluded.latency_ms`,
          replies: sql`excluded.replies`,
        },
      });
  }

  /**
   * Registers the phones sandbox channel `channelId` writes to, in the channel's tenant; a
   * number already registered (by any tenant) keeps its row. Nothing for an unknown channel.
   */
  async registerPhones(channelId: string, phones: VirtualPhone[]): Promise<void> {
    if (phones.length === 0) return;
    const payload = JSON.stringify(
      phones.map((p) => ({
        phone: p.phone,
        name: p.name,
        on_whatsapp: p.onWhatsApp,
        read_rate: p.readRate,
        reply_rate: p.replyRate,
        opt_out_rate: p.optOutRate ?? 0,
        latency_ms: p.latencyMs,
        replies: p.replies ?? null,
      })),
    );
    await this.db.execute(sql`
      INSERT INTO sandbox_phones (phone, tenant_id, name, on_whatsapp, read_rate, reply_rate, opt_out_rate, latency_ms, replies)
      SELECT r.phone, c.tenant_id, r.name, r.on_whatsapp, r.read_rate, r.reply_rate, r.opt_out_rate, r.latency_ms,
        CASE WHEN jsonb_typeof(r.replies) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(r.replies)) END
      FROM jsonb_to_recordset(${payload}::jsonb) AS r(phone text, name text, on_whatsapp boolean, read_rate real,
        reply_rate real, opt_out_rate real, latency_ms integer, replies jsonb)
      JOIN channels c ON c.id = ${channelId}
      ON CONFLICT (phone) DO NOTHING`);
  }

  async unregisteredRecipients(): Promise<Array<{ channelId: string; phone: E164 }>> {
    const r = await this.db.execute<{ channel_id: string; phone: string }>(sql`
      SELECT DISTINCT ON (m.phone) m.channel_id, m.phone FROM sandbox_messages m
      WHERE m.direction = 'in' AND NOT EXISTS (SELECT 1 FROM sandbox_phones p WHERE p.phone = m.phone)
      ORDER BY m.phone, m.at`);
    return r.rows.map((x) => ({ channelId: x.channel_id, phone: x.phone }));
  }

  async isPaired(channelId: string): Promise<boolean> {
    const [r] = await this.db.select().from(sandboxPairings).where(eq(sandboxPairings.channelId, channelId));
    return Boolean(r);
  }

  async setPaired(channelId: string, paired: boolean): Promise<void> {
    if (paired) await this.db.insert(sandboxPairings).values({ channelId }).onConflictDoNothing();
    else await this.db.delete(sandboxPairings).where(eq(sandboxPairings.channelId, channelId));
  }

  async listMessagesForPhone(phone: E164, limit = 50): Promise<PhoneInboxEntry[]> {
    const rows = await this.db
      .select({
        m: sandboxMessages,
        channelPhone: sql<string>`(SELECT phone FROM channels WHERE id = ${sandboxMessages.channelId})`,
      })
      .from(sandboxMessages)
      .where(and(eq(sandboxMessages.phone, phone)))
      .orderBy(sql`${sandboxMessages.at} DESC`)
      .limit(limit);
    return rows.reverse().map(({ m, channelPhone }) =>
      m.direction === "in"
        ? { direction: "in" as const, ...toDelivery(m, channelPhone) }
        : {
            direction: "out" as const,
            messageId: m.messageId,
            from: m.phone,
            to: channelPhone,
            text: m.text ?? "",
            at: m.at,
          },
    );
  }
}

/** A stored virtual phone. */
type SandboxPhoneRow = typeof sandboxPhones.$inferSelect;
/** A stored channel, as the sandbox service checks it. */
type SandboxChannelRow = typeof channels.$inferSelect;

/**
 * The condition on `sandbox_phones` of the tenant's virtual phones: those registered to it,
 * and those its channels exchanged messages with.
 */
const ofTenant = (db: Db, tenantId: string) =>
  or(
    eq(sandboxPhones.tenantId, tenantId),
    inArray(
      sandboxPhones.phone,
      db
        .selectDistinct({ phone: sandboxMessages.phone })
        .from(sandboxMessages)
        .innerJoin(channels, eq(channels.id, sandboxMessages.channelId))
        .where(eq(channels.tenantId, tenantId)),
    ),
  );

/** The tenant's virtual phone `phone` (see {@link tenantPhones}), or null. */
export async function tenantPhone(db: Db, tenantId: string, phone: string): Promise<SandboxPhoneRow | null> {
  const [p] = await db
    .select()
    .from(sandboxPhones)
    .where(and(eq(sandboxPhones.phone, phone), ofTenant(db, tenantId)));
  return p ?? null;
}

/**
 * The tenant's virtual phones, by name then number: those registered to it, and those its
 * channels exchanged messages with.
 */
export function tenantPhones(db: Db, tenantId: string): Promise<SandboxPhoneRow[]> {
  return db
    .select()
    .from(sandboxPhones)
    .where(ofTenant(db, tenantId))
    .orderBy(asc(sandboxPhones.name), asc(sandboxPhones.phone));
}

/** The tenant's channel `channelId`, or null. */
export async function tenantChannel(
  db: Db,
  tenantId: string,
  channelId: string,
): Promise<SandboxChannelRow | null> {
  const [c] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.tenantId, tenantId), eq(channels.id, channelId)));
  return c ?? null;
}

/** The id and number (null: none yet) of each of the tenant's channels. */
export function tenantChannelNumbers(
  db: Db,
  tenantId: string,
): Promise<Array<{ id: string; phone: string | null }>> {
  return db
    .select({ id: channels.id, phone: channels.phone })
    .from(channels)
    .where(eq(channels.tenantId, tenantId));
}

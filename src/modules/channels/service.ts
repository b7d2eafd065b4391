import { randomInt } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { channels } from '../../db/schema/index.js';
import { PACING_PRESETS, pacingPolicySchema, type PacingPolicy } from '../../channels/pacing.js';
import type { ChannelManager } from '../../channels/manager.js';
import type { ChannelStatus } from '../../channels/transport.js';
import { requireOwner, type Actor } from '../../lib/actor.js';
import { invalid, notFound, KabarError } from '../../lib/errors.js';
import type { ChannelDto, createChannelBody, updateChannelBody } from './schemas.js';

type ChannelRow = typeof channels.$inferSelect;

function toDto(c: ChannelRow): ChannelDto {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    phone: c.phone,
    status: c.status as ChannelStatus,
    statusSince: c.statusSince.toISOString(),
    lastError: c.lastError,
    pacingPreset: c.pacingPreset,
    pacing: pacingPolicySchema.parse(c.pacing),
    createdAt: c.createdAt.toISOString(),
  };
}

/** A fresh number for a sandbox channel: +62 811 9xxx xxxx (a valid Telkomsel-range mobile). */
function sandboxNumber(): string {
  return `+628119${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

/**
 * WhatsApp numbers (channels): create, configure pacing, connect / disconnect / log out.
 * `manager` is null in processes that hold no live connections (the CLI).
 */
export function createChannelService(db: Db, manager: ChannelManager | null) {
  async function row(actor: Actor, id: string): Promise<ChannelRow> {
    const [c] = await db.select().from(channels).where(and(eq(channels.tenantId, actor.tenantId), eq(channels.id, id)));
    if (!c) throw notFound('channel');
    return c;
  }
  function live(): ChannelManager {
    if (!manager) {
      throw new KabarError('not_running', 503, {
        id: 'Kabar belum berjalan: jalankan `npm start` dulu',
        en: 'Kabar is not running here: start it with `npm start` first',
      });
    }
    return manager;
  }
  return {
    async list(actor: Actor): Promise<ChannelDto[]> {
      const rows = await db.select().from(channels).where(eq(channels.tenantId, actor.tenantId)).orderBy(desc(channels.createdAt));
      return rows.map(toDto);
    },
    /** @throws KabarError 404 */
    async get(actor: Actor, id: string): Promise<ChannelDto> {
      return toDto(await row(actor, id));
    },
    /**
     * Adds a channel and starts connecting it (a sandbox channel shows a QR to scan).
     * WhatsApp Web and Cloud API channels arrive with the transports issue.
     * @throws KabarError 403 for agents, 400 `kind_unavailable`
     */
    async create(actor: Actor, input: z.infer<typeof createChannelBody>): Promise<ChannelDto> {
      requireOwner(actor);
      if (input.kind !== 'sandbox') {
        throw invalid('kind_unavailable', `${input.kind} channels are not available yet`, `Kanal ${input.kind} belum tersedia`, { kind: 'only sandbox for now' });
      }
      const preset = input.pacingPreset ?? 'demo';
      const [c] = await db
        .insert(channels)
        .values({ tenantId: actor.tenantId, name: input.name, kind: input.kind, phone: sandboxNumber(), pacing: PACING_PRESETS[preset], pacingPreset: preset })
        .returning();
      await manager?.connect(c!.id);
      return this.get(actor, c!.id);
    },
    /** Renames or changes pacing (a preset, or a custom policy). @throws KabarError 403, 404 */
    async update(actor: Actor, id: string, input: z.infer<typeof updateChannelBody>): Promise<ChannelDto> {
      requireOwner(actor);
      const current = await row(actor, id);
      let pacing: PacingPolicy | undefined;
      let pacingPreset: string | undefined;
      if (input.pacingPreset) [pacing, pacingPreset] = [PACING_PRESETS[input.pacingPreset], input.pacingPreset];
      if (input.pacing) [pacing, pacingPreset] = [input.pacing, 'custom'];
      const patch = { ...(input.name ? { name: input.name } : {}), ...(pacing ? { pacing, pacingPreset } : {}) };
      if (Object.keys(patch).length === 0) return toDto(current);
      const [c] = await db
        .update(channels)
        .set(patch)
        .where(and(eq(channels.tenantId, actor.tenantId), eq(channels.id, id)))
        .returning();
      if (pacing) manager?.setPolicy(id, pacing);
      return toDto(c!);
    },
    /** @throws KabarError 404, 503 when no live process */
    async connect(actor: Actor, id: string): Promise<ChannelDto> {
      requireOwner(actor);
      await row(actor, id);
      await live().connect(id);
      return this.get(actor, id);
    },
    async disconnect(actor: Actor, id: string): Promise<ChannelDto> {
      requireOwner(actor);
      await row(actor, id);
      await live().disconnect(id);
      return this.get(actor, id);
    },
    /** Unlinks the device; a new QR scan is needed. Owner only. */
    async logout(actor: Actor, id: string): Promise<ChannelDto> {
      requireOwner(actor);
      await row(actor, id);
      await live().logout(id);
      return this.get(actor, id);
    },
    /** Ensures a channel of the tenant (for other services). @throws KabarError 404 */
    assertOwned: row,
  };
}

export type ChannelService = ReturnType<typeof createChannelService>;

/**
 * Statements of the channels module that other modules (the demo seed, the inbox,
 * automation) also need. The connection state the WhatsApp layer writes (status, link,
 * phone) is in src/channels/channel-rows.ts, below the modules.
 */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { channels } from "../../db/schema/index.js";
import type { ChannelRow } from "../../channels/channel-rows.js";
import { PACING_PRESETS, type PacingPresetName } from "../../channels/pacing.js";
/** A stored channel row (one declaration, shared with the WhatsApp layer's statements on the table). */

/** A new channel: its pacing policy is the named preset's. */
interface ChannelInsert {
  tenantId: string;
  name: string;
  kind: ChannelRow["kind"];
  /** The channel's own number (E.164), null until a phone links it. */
  phone: string | null;
  /** Non-secret transport settings (`channels.config`); default `{}`. */
  config?: Record<string, unknown>;
  pacingPreset: PacingPresetName;
  /** Default `disconnected`. */
  status?: string;
}

/**
 * Inserts a channel (in `tx` when the caller writes more with it, e.g. sealed secrets).
 * @returns the stored row
 */
export async function insertChannel(db: Db | Tx, input: ChannelInsert): Promise<ChannelRow> {
  const [row] = await db
    .insert(channels)
    .values({
      tenantId: input.tenantId,
      name: input.name,
      kind: input.kind,
      phone: input.phone,
      ...(input.config ? { config: input.config } : {}),
      ...(input.status ? { status: input.status } : {}),
      pacing: PACING_PRESETS[input.pacingPreset],
      pacingPreset: input.pacingPreset,
    })
    .returning();
  return row!;
}

/** The connection status of the tenant's channel (`connected`, `qr`, ...), null when it has no such channel. */
export async function channelStatus(db: Db, tenantId: string, channelId: string): Promise<string | null> {
  const [row] = await db
    .select({ status: channels.status })
    .from(channels)
    .where(and(eq(channels.tenantId, tenantId), eq(channels.id, channelId)));
  return row?.status ?? null;
}

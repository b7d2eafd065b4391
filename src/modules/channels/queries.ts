/**
 * Statements of the channels module: the channel service's, and those other modules (the
 * demo seed, the inbox, automation, campaigns) also need. The connection state the WhatsApp
 * layer writes (status, link, phone) is in src/channels/channel-rows.ts, below the modules.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { channels, outlets, tenants, type ChannelLink } from "../../db/schema/index.js";
import type { ChannelRow } from "../../channels/channel-rows.js";
import type { Actor } from "../../lib/actor.js";
import { outletInScope } from "../outlets/index.js";

export type { ChannelRow };
import { PACING_PRESETS, type PacingPresetName } from "../../channels/pacing.js";
/** A stored channel row (one declaration, shared with the WhatsApp layer's statements on the table). */

/** A QR or pairing code a channel shows (`channels.link`). */
export type { ChannelLink };

/** A new channel: its pacing policy is the named preset's. */
interface ChannelInsert {
  tenantId: string;
  /** The outlet it belongs to (issue 13); default: the shop's first outlet. */
  outletId?: string;
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
      outletId:
        input.outletId ??
        sql`(SELECT ${outlets.id} FROM ${outlets} WHERE ${outlets.tenantId} = ${input.tenantId} ORDER BY ${outlets.createdAt}, ${outlets.id} LIMIT 1)`,
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

/**
 * The shop's first connected number, oldest first (ties by id): where order messages and
 * reminders go when the shop chose none. @returns its id, null when none is connected
 */
export async function firstConnectedChannel(db: Db | Tx, tenantId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.tenantId, tenantId), eq(channels.status, "connected")))
    .orderBy(asc(channels.createdAt), asc(channels.id))
    .limit(1);
  return row?.id ?? null;
}

/**
 * The tenant's channel `id`, within the actor's outlets when `actor` is given (issue 13).
 * @returns the row, undefined when the tenant (or the actor's outlets) has none such
 */
export async function channelOfTenant(
  db: Db,
  tenantId: string,
  id: string,
  actor?: Actor,
): Promise<ChannelRow | undefined> {
  const [c] = await db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.tenantId, tenantId),
        eq(channels.id, id),
        actor ? outletInScope(actor, channels.outletId) : undefined,
      ),
    );
  return c;
}

/** The actor's channels (its tenant's, within its outlets), newest first. */
export function listChannels(db: Db, actor: Actor): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.tenantId, actor.tenantId), outletInScope(actor, channels.outletId)))
    .orderBy(desc(channels.createdAt));
}

/** What the shop may change of a channel: its name, outlet, pacing policy and preset name. */
type ChannelPatch = Partial<Pick<ChannelRow, "name" | "outletId" | "pacing" | "pacingPreset">>;

/** Applies `patch` to the tenant's channel `id`. @returns the updated row, undefined when none matched */
export async function updateChannel(
  db: Db,
  tenantId: string,
  id: string,
  patch: ChannelPatch,
): Promise<ChannelRow | undefined> {
  const [c] = await db
    .update(channels)
    .set(patch)
    .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id)))
    .returning();
  return c;
}

/**
 * The kind of the tenant's channel `id` (`sandbox`, `whatsapp_web`, `cloud_api`), undefined
 * when it has none such (or, with `actor`, none on the actor's outlets).
 */
export async function channelKind(
  db: Db,
  tenantId: string,
  id: string,
  actor?: Actor,
): Promise<ChannelRow["kind"] | undefined> {
  const [ch] = await db
    .select({ kind: channels.kind })
    .from(channels)
    .where(
      and(
        eq(channels.tenantId, tenantId),
        eq(channels.id, id),
        actor ? outletInScope(actor, channels.outletId) : undefined,
      ),
    );
  return ch?.kind;
}

/** A channel's pacing as the campaign estimate reads it, with its shop's time zone. */
interface ChannelPacingRow {
  /** The stored pacing policy (`channels.pacing`, unparsed). */
  pacing: unknown;
  preset: string;
  createdAt: Date;
  /** IANA zone of the shop. */
  timeZone: string;
}

/** The pacing, preset, creation time of the tenant's channel `id` and its shop's zone. @returns undefined when the tenant has none such */
export async function channelPacing(
  db: Db,
  tenantId: string,
  id: string,
): Promise<ChannelPacingRow | undefined> {
  const [ch] = await db
    .select({
      pacing: channels.pacing,
      preset: channels.pacingPreset,
      createdAt: channels.createdAt,
      timeZone: tenants.timeZone,
    })
    .from(channels)
    .innerJoin(tenants, eq(tenants.id, channels.tenantId))
    .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id)));
  return ch;
}

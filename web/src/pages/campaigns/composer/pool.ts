import type { ChannelKind } from "../../../api/types";

/**
 * A campaign over several numbers (issue 15, parts 3 and 4), as the composer builds it: the
 * pool it sends (`pool`, the main number first), its routing, and what the message step must
 * ask for. The server checks the same rules (src/modules/campaigns/pool.ts, message-check.ts).
 */

/** One number of a pool and its share of the recipients (1–100, relative to the others). */
export interface PoolPick {
  channelId: string;
  weight: number;
}

/** How a pool splits: by weight × health, or warm recipients over WhatsApp Web and new chats over Cloud API. */
export type Routing = "weighted" | "hybrid";

/** The message a campaign needs: free text, an approved WhatsApp template, or both (hybrid). */
export type MessageMode = "text" | "template" | "hybrid";

/** Lowest and highest weight of a pool number (the server's limits). */
export const WEIGHT_MIN = 1;
export const WEIGHT_MAX = 100;
/** Most numbers one campaign sends from (the server's limit). */
export const POOL_MAX = 10;

/** The draft fields this module reads. */
interface PoolDraft {
  channelId: string | null;
  /** "Send from several numbers" is on. */
  multi: boolean;
  /** The numbers picked (the main one may be among them, for its weight). */
  pool: PoolPick[];
  routing: Routing;
}

/** A channel's kind by id (undefined while the numbers load). */
export type KindOf = (channelId: string) => ChannelKind | undefined;

/** Cloud API numbers send templates and cost money; WhatsApp Web and sandbox numbers send free text. */
const isCloud = (kind: ChannelKind | undefined): boolean => kind === "cloud_api";

/**
 * The pool the campaign sends, the main number first (weight 1 unless picked with another),
 * or null when it sends from its main number alone (nothing to send: the server's default).
 */
function poolOf(d: PoolDraft): PoolPick[] | null {
  if (!d.multi || !d.channelId) return null;
  const main = {
    channelId: d.channelId,
    weight: d.pool.find((p) => p.channelId === d.channelId)?.weight ?? 1,
  };
  const others = d.pool.filter((p) => p.channelId !== d.channelId);
  return others.length > 0 ? [main, ...others] : null;
}

/** Whether the pool mixes Cloud API numbers with WhatsApp Web or sandbox numbers (only hybrid routing may). */
export function mixesRails(d: PoolDraft, kindOf: KindOf): boolean {
  const pool = poolOf(d) ?? [];
  const cloud = pool.filter((p) => isCloud(kindOf(p.channelId))).length;
  return cloud > 0 && cloud < pool.length;
}

/** The routing sent: hybrid only when asked for and the pool has both rails. */
function routingOf(d: PoolDraft, kindOf: KindOf): Routing {
  return d.routing === "hybrid" && mixesRails(d, kindOf) ? "hybrid" : "weighted";
}

/** What the message step asks for: both for hybrid, a template when the main number is Cloud API. */
export function messageModeOf(d: PoolDraft, kindOf: KindOf): MessageMode {
  if (routingOf(d, kindOf) === "hybrid") return "hybrid";
  return d.channelId && isCloud(kindOf(d.channelId)) ? "template" : "text";
}

/**
 * The Cloud API number whose approved templates the campaign picks from: the main number
 * when it is one, else (hybrid) the pool's first Cloud API number; null for free text.
 */
export function templateChannelOf(d: PoolDraft, kindOf: KindOf): string | null {
  const mode = messageModeOf(d, kindOf);
  if (mode === "text") return null;
  if (d.channelId && isCloud(kindOf(d.channelId))) return d.channelId;
  return (poolOf(d) ?? []).find((p) => isCloud(kindOf(p.channelId)))?.channelId ?? null;
}

/** The pool and routing fields of a POST /campaigns or /campaigns/estimate body (none for one number). */
export function poolInput(d: PoolDraft, kindOf: KindOf): { pool?: PoolPick[]; routing?: Routing } {
  const pool = poolOf(d);
  return pool ? { pool, routing: routingOf(d, kindOf) } : {};
}

/** Whether a weight is one the server takes (a whole number 1–100). */
export const validWeight = (w: number): boolean => Number.isInteger(w) && w >= WEIGHT_MIN && w <= WEIGHT_MAX;

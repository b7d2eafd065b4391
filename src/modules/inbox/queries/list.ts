/**
 * The conversation list: filters and keyset pagination over the indexes of
 * src/db/schema/inbox.ts (tenant + last_message_at DESC + id DESC, per status and per
 * assignee), so a page costs the same at 50,000 conversations as at 50.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { SERVICE_WINDOW_MS } from "../../../channels/cloud-api/window.js";
import { type Actor, can } from "../../../lib/actor.js";
import type { ConversationDto, ListQuery } from "../schemas.js";
import type { MediaType } from "../../../channels/transport.js";
import { channelInScope } from "../../outlets/index.js";

/** A conversation row as the list and detail queries select it. */
type ConversationRow = {
  id: string;
  channel_id: string;
  channel_kind: string;
  contact_id: string;
  name: string | null;
  phone: string;
  status: ConversationDto["status"];
  unread_count: number;
  last_message_at: Date | string;
  last_inbound_at: Date | string | null;
  assignee_id: string | null;
  assigned_at: Date | string | null;
  snoozed_until: Date | string | null;
  resolved_at: Date | string | null;
  labels: string[];
  /** last_message_at as epoch microseconds (exact, unlike a JS Date). */
  at_us: string;
  lm_direction: "in" | "out" | null;
  lm_text: string | null;
  lm_media_type: MediaType | null;
  lm_status: NonNullable<ConversationDto["lastMessage"]>["status"] | null;
  lm_created_at: Date | string | null;
};

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The digits a phone search looks for in E.164: "0812-3456" → "628123456" (Indonesian
 * local form), "+62 812" → "62812"; null when the search has fewer than 3 digits.
 */
export function phoneDigits(search: string): string | null {
  if (!/^[\d\s()+.-]+$/.test(search)) return null;
  const digits = search.replace(/\D/g, "");
  if (digits.length < 3) return null;
  return digits.startsWith("0") ? `62${digits.slice(1)}` : digits;
}

/**
 * The list order: latest activity first, id breaking ties. NULLS LAST (the columns are
 * never null) matches the list indexes, which drizzle creates `DESC NULLS LAST`; a plain
 * DESC (nulls first) could not use them.
 */
const LIST_ORDER = sql`ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC NULLS LAST`;

/** At most `limit` conversations matching `where` (over `conversations c` alone), in list order. */
function page(where: SQL, limit?: number): SQL {
  return sql`(SELECT * FROM conversations c WHERE ${where} ${LIST_ORDER} ${limit === undefined ? sql`` : sql`LIMIT ${limit}`})`;
}

/**
 * The SELECT shared by the list and one conversation: `rows` (a page of `conversations`
 * rows, see `page`), then for those rows only their contact, channel kind and last
 * message (joining before the LIMIT would make PostgreSQL look up the last message of
 * every conversation before sorting).
 */
function conversationSelect(rows: SQL): SQL {
  return sql`
    SELECT c.id, c.channel_id, ch.kind AS channel_kind, c.contact_id, ct.name, ct.phone, c.status, c.unread_count,
           c.last_message_at, c.last_inbound_at, c.assignee_id, c.assigned_at, c.snoozed_until, c.resolved_at, c.labels,
           (extract(epoch FROM c.last_message_at) * 1000000)::bigint::text AS at_us,
           lm.direction AS lm_direction, lm.text AS lm_text, lm.media->>'type' AS lm_media_type, lm.status AS lm_status,
           lm.created_at AS lm_created_at
    FROM ${rows} c
    JOIN contacts ct ON ct.id = c.contact_id
    JOIN channels ch ON ch.id = c.channel_id
    LEFT JOIN LATERAL (
      SELECT m.direction, m.text, m.media, m.status, m.created_at FROM messages m
      WHERE m.channel_id = c.channel_id AND m.contact_id = c.contact_id
      ORDER BY m.created_at DESC LIMIT 1) lm ON true
    ${LIST_ORDER}`;
}

/** A selected row as the API shows it. */
function toConversationDto(r: ConversationRow): ConversationDto {
  const lastInbound = iso(r.last_inbound_at);
  return {
    id: r.id,
    channelId: r.channel_id,
    channelKind: r.channel_kind,
    contactId: r.contact_id,
    name: r.name,
    phone: r.phone,
    status: r.status,
    unreadCount: r.unread_count,
    lastMessageAt: iso(r.last_message_at)!,
    lastInboundAt: lastInbound,
    windowExpiresAt:
      r.channel_kind === "cloud_api" && lastInbound
        ? new Date(Date.parse(lastInbound) + SERVICE_WINDOW_MS).toISOString()
        : null,
    assigneeId: r.assignee_id,
    assignedAt: iso(r.assigned_at),
    snoozedUntil: iso(r.snoozed_until),
    resolvedAt: iso(r.resolved_at),
    labels: r.labels,
    lastMessage: r.lm_direction
      ? {
          direction: r.lm_direction,
          text: r.lm_text,
          mediaType: r.lm_media_type,
          status: r.lm_status!,
          createdAt: iso(r.lm_created_at)!,
        }
      : null,
    cursor: `${r.at_us}_${r.id}`,
  };
}

/**
 * One page of the tenant's conversations, latest activity first. Every agent and owner of
 * the tenant sees all of them on the numbers of their outlets (issue 13); `assignee: 'mine'` narrows to the caller's. Search matches
 * the contact's name or phone (any part), or the text of any message of the conversation
 * (3 characters or more: shorter text has no trigram to use the index with).
 */
export async function listConversations(db: Db, actor: Actor, q: ListQuery): Promise<ConversationDto[]> {
  const r = await db.execute<ConversationRow>(listSql(actor, q));
  return r.rows.map(toConversationDto);
}

/**
 * The conversations the actor reads beyond their outlets: every one with `inbox.view_all`,
 * else only those assigned to them (`inbox.view_assigned`, or a verb such as a reply
 * without either: nothing else), as a condition on `c`; null when nothing is added.
 */
function readableByActor(actor: Actor): SQL | null {
  if (can(actor, "inbox.view_all")) return null;
  return actor.userId ? sql`c.assignee_id = ${actor.userId}` : sql`false`;
}

/** The query of `listConversations` (exported for the benchmark's EXPLAIN). */
function listSql(actor: Actor, q: ListQuery): SQL {
  const t = actor.tenantId;
  const where: SQL[] = [sql`c.tenant_id = ${t}`];
  // The actor's outlets (issue 13): only when limited, so the list indexes serve everyone else as before.
  if (actor.outletIds) where.push(channelInScope(actor, sql`c.channel_id`));
  const readable = readableByActor(actor);
  if (readable) where.push(readable);
  if (q.status) where.push(sql`c.status = ${q.status}`);
  if (q.assignee === "mine") where.push(actor.userId ? sql`c.assignee_id = ${actor.userId}` : sql`false`);
  if (q.assignee === "unassigned") where.push(sql`c.assignee_id IS NULL`);
  if (q.channelId) where.push(sql`c.channel_id = ${q.channelId}`);
  if (q.label) where.push(sql`c.labels @> ARRAY[${q.label}]::text[]`);
  if (q.cursor) {
    const [us, id] = q.cursor.split("_") as [string, string];
    where.push(
      sql`(c.last_message_at, c.id) < (timestamptz 'epoch' + ${us}::bigint * interval '1 microsecond', ${id}::uuid)`,
    );
  }
  const filters = sql.join(where, sql` AND `);
  if (!q.search) return conversationSelect(page(filters, q.limit));
  // Each way of matching is its own page, so PostgreSQL plans each well (a trigram index
  // lookup for a rare word, a walk down the list for a common one); the union is cut again.
  const pattern = `%${likeEscape(q.search)}%`;
  const digits = phoneDigits(q.search);
  const contactMatch = digits
    ? sql`ct2.name ILIKE ${pattern} OR ct2.phone LIKE ${`%${digits}%`}`
    : sql`ct2.name ILIKE ${pattern}`;
  const pages = [
    page(
      sql`${filters} AND c.contact_id IN (SELECT ct2.id FROM contacts ct2 WHERE ct2.tenant_id = ${t} AND (${contactMatch}))`,
      q.limit,
    ),
  ];
  if (q.search.length >= 3) {
    pages.push(
      page(
        sql`${filters} AND (c.channel_id, c.contact_id) IN (SELECT m2.channel_id, m2.contact_id FROM messages m2 WHERE m2.tenant_id = ${t} AND m2.text ILIKE ${pattern})`,
        q.limit,
      ),
    );
  }
  return conversationSelect(
    sql`(SELECT * FROM (${sql.join(pages, sql` UNION `)}) c ${LIST_ORDER} LIMIT ${q.limit})`,
  );
}

/**
 * One conversation of the tenant on a number of the actor's outlets (assigned to them when
 * they read only their own: `inbox.view_assigned` without `inbox.view_all`), or null.
 */
export async function findConversation(db: Db, actor: Actor, id: string): Promise<ConversationDto | null> {
  const readable = readableByActor(actor) ?? sql`TRUE`;
  const r = await db.execute<ConversationRow>(
    conversationSelect(
      page(
        sql`c.tenant_id = ${actor.tenantId} AND c.id = ${id} AND ${channelInScope(actor, sql`c.channel_id`)} AND ${readable}`,
      ),
    ),
  );
  return r.rows[0] ? toConversationDto(r.rows[0]) : null;
}

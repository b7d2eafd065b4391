/**
 * SQL of the assignment module. Every function runs inside a transaction that holds the
 * tenant's assignment lock (`lockTenant`) and scopes every statement by tenant.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import type { Actor, Role } from "../../lib/actor.js";
import { channelInScope, userInScope } from "../outlets/index.js";
import {
  DEFAULT_MAX_OPEN_CONVERSATIONS,
  type AssignmentEndReason,
  type AssignmentReason,
} from "../../db/schema/index.js";
import { worksAtChannel } from "../outlets/index.js";

type Q = Db | Tx;

export type { AssignmentReason };

/**
 * Serialises assignment within one tenant across every Kabar process on the database (a
 * transaction-scoped advisory lock, released at commit or rollback).
 */
export async function lockTenant(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kabar.assignment:${tenantId}`}, 0))`);
}

/**
 * Unresolved conversations (open or snoozed) assigned to `u.id`: what the cap counts
 * (with `actor`: only those on the numbers of its outlets, as it is shown the load).
 */
const openCountOf = (tenantId: string, actor?: Actor) =>
  sql`(SELECT count(*)::int FROM conversations oc WHERE oc.tenant_id = ${tenantId} AND oc.assignee_id = u.id AND oc.status <> 'resolved'${actor?.outletIds ? sql` AND ${channelInScope(actor, sql`oc.channel_id`)}` : sql``})`;

/** Whether the conversation is the tenant's, on a number of the actor's outlets (issue 13). */
export async function conversationInScope(db: Q, actor: Actor, conversationId: string): Promise<boolean> {
  const r = await db.execute(
    sql`SELECT 1 FROM conversations c WHERE c.tenant_id = ${actor.tenantId} AND c.id = ${conversationId} AND ${channelInScope(actor, sql`c.channel_id`)}`,
  );
  return r.rows.length > 0;
}

/** The conversation's row (locked), or undefined when it is not the tenant's. */
export async function lockConversation(tx: Tx, tenantId: string, conversationId: string) {
  const r = await tx.execute<{
    id: string;
    channel_id: string;
    status: string;
    assignee_id: string | null;
  }>(sql`
    SELECT id, channel_id, status, assignee_id FROM conversations
    WHERE tenant_id = ${tenantId} AND id = ${conversationId} FOR UPDATE`);
  return r.rows[0];
}

/** Is the user an online agent (or owner) of the tenant? */
export async function isOnline(tx: Q, tenantId: string, userId: string): Promise<boolean> {
  const r = await tx.execute(
    sql`SELECT 1 FROM agent_settings WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND online`,
  );
  return r.rows.length > 0;
}

/**
 * The user, when they are an active (not deactivated) user of the actor's tenant working in
 * one of the actor's outlets (or in every outlet); undefined otherwise.
 */
export async function findUser(tx: Q, actor: Actor, userId: string) {
  const r = await tx.execute<{ id: string; role: string }>(
    sql`SELECT id, role FROM users WHERE tenant_id = ${actor.tenantId} AND id = ${userId} AND deactivated_at IS NULL AND ${userInScope(actor, sql`users.id`)}`,
  );
  return r.rows[0];
}

/** Whether active user `userId` of the tenant works at the outlet of number `channelId` (may hold its conversations). */
export async function worksAt(tx: Q, tenantId: string, userId: string, channelId: string): Promise<boolean> {
  const r = await tx.execute(
    sql`SELECT 1 FROM users u WHERE u.tenant_id = ${tenantId} AND u.id = ${userId} AND u.deactivated_at IS NULL
      AND ${worksAtChannel(sql`u.id`, sql`${channelId}::uuid`)}`,
  );
  return r.rows.length > 0;
}

/** Which of `userIds` are active (not deactivated) users of the actor's tenant working in one of its outlets (or every outlet). */
export async function usersOfTenant(tx: Q, actor: Actor, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const r = await tx.execute<{ id: string }>(
    sql`SELECT id FROM users WHERE tenant_id = ${actor.tenantId} AND id = ANY(${sql.param(userIds)}::uuid[]) AND deactivated_at IS NULL AND ${userInScope(actor, sql`users.id`)}`,
  );
  return new Set(r.rows.map((x) => x.id));
}

/** Does the channel belong to the tenant (and to one of `actor`'s outlets when given)? */
export async function channelExists(
  tx: Q,
  tenantId: string,
  channelId: string,
  actor?: Actor,
): Promise<boolean> {
  const scope = actor ? channelInScope(actor, sql`channels.id`) : sql`TRUE`;
  const r = await tx.execute(
    sql`SELECT 1 FROM channels WHERE tenant_id = ${tenantId} AND id = ${channelId} AND ${scope}`,
  );
  return r.rows.length > 0;
}

/**
 * Round robin: the online team member of the channel with the fewest unresolved
 * conversations under their cap; ties go to the one assigned least recently (never first),
 * then the oldest user. The team is the channel's `channel_agents`, or every user of the
 * tenant when it has none; either way only people who work at the channel's outlet.
 */
export async function pickAgent(
  tx: Tx,
  tenantId: string,
  channelId: string,
  excludeUserId: string | null,
): Promise<string | null> {
  const r = await tx.execute<{ id: string }>(sql`
    SELECT u.id FROM users u
    JOIN agent_settings s ON s.user_id = u.id AND s.tenant_id = ${tenantId}
    CROSS JOIN LATERAL (SELECT ${openCountOf(tenantId)} AS n) open
    WHERE u.tenant_id = ${tenantId} AND u.role IN ('agent', 'owner') AND s.online
      AND open.n < s.max_open_conversations
      AND u.id IS DISTINCT FROM ${excludeUserId}::uuid
      AND (NOT EXISTS (SELECT 1 FROM channel_agents ca WHERE ca.tenant_id = ${tenantId} AND ca.channel_id = ${channelId})
           OR EXISTS (SELECT 1 FROM channel_agents ca WHERE ca.tenant_id = ${tenantId} AND ca.channel_id = ${channelId} AND ca.user_id = u.id))
      AND ${worksAtChannel(sql`u.id`, sql`${channelId}::uuid`)}
    ORDER BY open.n, s.last_assigned_at NULLS FIRST, u.created_at, u.id
    LIMIT 1`);
  return r.rows[0]?.id ?? null;
}

/** How many more conversations round robin could give the tenant's online agents, in all. */
export async function freeCapacity(tx: Tx, tenantId: string): Promise<number> {
  const r = await tx.execute<{ free: number }>(sql`
    SELECT coalesce(sum(greatest(0, s.max_open_conversations - ${openCountOf(tenantId)})), 0)::int AS free
    FROM users u JOIN agent_settings s ON s.user_id = u.id AND s.tenant_id = ${tenantId}
    WHERE u.tenant_id = ${tenantId} AND u.role IN ('agent', 'owner') AND s.online`);
  return r.rows[0]?.free ?? 0;
}

/** A conversation waiting for an agent. */
interface Waiting {
  id: string;
  channelId: string;
  reason: AssignmentReason;
}

/**
 * The tenant's waiting queue, oldest first: open conversations without an assignee,
 * ordered by `conversation_queue.waiting_since` (or creation when never queued). Not
 * locked: the inbox may resolve one meanwhile (the engine locks and checks each again).
 */
export async function waitingConversations(tx: Tx, tenantId: string, limit: number): Promise<Waiting[]> {
  const r = await tx.execute<{ id: string; channel_id: string; reason: AssignmentReason | null }>(sql`
    SELECT c.id, c.channel_id, q.reason FROM conversations c
    LEFT JOIN conversation_queue q ON q.conversation_id = c.id AND q.tenant_id = ${tenantId}
    WHERE c.tenant_id = ${tenantId} AND c.status = 'open' AND c.assignee_id IS NULL
    ORDER BY coalesce(q.waiting_since, c.created_at), c.created_at, c.id
    LIMIT ${limit}`);
  return r.rows.map((x) => ({ id: x.id, channelId: x.channel_id, reason: x.reason ?? "auto" }));
}

/** Open (not snoozed, not resolved) conversations of an agent, oldest first, locked. */
export async function openConversationsOf(tx: Tx, tenantId: string, userId: string): Promise<string[]> {
  const r = await tx.execute<{ id: string }>(sql`
    SELECT id FROM conversations WHERE tenant_id = ${tenantId} AND assignee_id = ${userId} AND status = 'open'
    ORDER BY created_at, id FOR UPDATE`);
  return r.rows.map((x) => x.id);
}

/**
 * Forgets queue entries of conversations that stopped waiting without assignment (resolved
 * or snoozed while unassigned), so one that opens again later queues from then, not from
 * its old place.
 */
export async function purgeQueue(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`
    DELETE FROM conversation_queue q USING conversations c
    WHERE q.tenant_id = ${tenantId} AND c.id = q.conversation_id AND (c.status <> 'open' OR c.assignee_id IS NOT NULL)`);
}

/** Puts a conversation in the waiting queue (keeps the earlier time when it already waits). */
export async function enqueue(
  tx: Tx,
  tenantId: string,
  conversationId: string,
  reason: AssignmentReason,
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO conversation_queue (conversation_id, tenant_id, waiting_since, reason)
    VALUES (${conversationId}, ${tenantId}, clock_timestamp(), ${reason})
    ON CONFLICT (conversation_id) DO NOTHING`);
}

/** What a change of assignee records. */
export interface Move {
  tenantId: string;
  conversationId: string;
  /** The new assignee, or null: back to the waiting queue. */
  to: string | null;
  /** Why the new assignment starts (when `to` is set), or why it waits again (queue reason). */
  reason: AssignmentReason;
  /** Why the current assignment ends (when there is one). */
  endReason: AssignmentEndReason;
  /** The person who did it by hand; null when Kabar did. */
  byUserId: string | null;
}

/**
 * Changes a conversation's assignee and records it: ends the open history row, opens a new
 * one (with the agent's round-robin time) or queues the conversation.
 */
export async function moveConversation(tx: Tx, m: Move): Promise<void> {
  await tx.execute(sql`
    UPDATE conversation_assignments SET unassigned_at = clock_timestamp(), end_reason = ${m.endReason}
    WHERE tenant_id = ${m.tenantId} AND conversation_id = ${m.conversationId} AND unassigned_at IS NULL`);
  if (m.to === null) {
    await tx.execute(
      sql`UPDATE conversations SET assignee_id = NULL, assigned_at = NULL WHERE tenant_id = ${m.tenantId} AND id = ${m.conversationId}`,
    );
    // It waits like a new conversation, except after a handover (its next agent gets it as `offline`).
    await enqueue(tx, m.tenantId, m.conversationId, m.reason === "offline" ? "offline" : "auto");
    return;
  }
  await tx.execute(
    sql`UPDATE conversations SET assignee_id = ${m.to}, assigned_at = now() WHERE tenant_id = ${m.tenantId} AND id = ${m.conversationId}`,
  );
  await tx.execute(
    sql`DELETE FROM conversation_queue WHERE tenant_id = ${m.tenantId} AND conversation_id = ${m.conversationId}`,
  );
  await tx.execute(sql`
    INSERT INTO conversation_assignments (tenant_id, conversation_id, user_id, assigned_at, reason, by_user_id)
    VALUES (${m.tenantId}, ${m.conversationId}, ${m.to}, clock_timestamp(), ${m.reason}, ${m.byUserId})`);
  await tx.execute(sql`
    INSERT INTO agent_settings (user_id, tenant_id, last_assigned_at) VALUES (${m.to}, ${m.tenantId}, clock_timestamp())
    ON CONFLICT (user_id) DO UPDATE SET last_assigned_at = excluded.last_assigned_at`);
}

/**
 * Sets an agent online or offline (creating their settings row). `onlyIfSeenBy`: change
 * nothing when the agent was seen after that time (another process still has their socket).
 * @returns true when the presence changed
 */
export async function setOnline(
  tx: Tx,
  tenantId: string,
  userId: string,
  online: boolean,
  onlyIfSeenBy?: SeenStamp,
): Promise<boolean> {
  if (onlyIfSeenBy) {
    const r = await tx.execute(sql`
      UPDATE agent_settings SET online = false
      WHERE tenant_id = ${tenantId} AND user_id = ${userId} AND online AND last_seen_at <= ${onlyIfSeenBy}::timestamptz
      RETURNING user_id`);
    return r.rows.length > 0;
  }
  const r = await tx.execute<{ was: boolean | null }>(sql`
    WITH before AS (SELECT online FROM agent_settings WHERE user_id = ${userId} AND tenant_id = ${tenantId})
    INSERT INTO agent_settings (user_id, tenant_id, online, last_seen_at) VALUES (${userId}, ${tenantId}, ${online}, clock_timestamp())
    ON CONFLICT (user_id) DO UPDATE SET online = excluded.online, last_seen_at = excluded.last_seen_at
    RETURNING (SELECT online FROM before) AS was`);
  return (r.rows[0]?.was ?? false) !== online;
}

/** A `last_seen_at` value as PostgreSQL's text, exact to the microsecond (a JS Date would round it). */
export type SeenStamp = string;

/**
 * Stamps `last_seen_at` of agents whose socket this process holds.
 * @returns the stamp per user (users without a settings row are skipped: they are offline)
 */
export async function touchSeen(db: Q, userIds: string[]): Promise<Map<string, SeenStamp>> {
  if (userIds.length === 0) return new Map();
  const r = await db.execute<{ user_id: string; seen: string }>(sql`
    UPDATE agent_settings SET last_seen_at = clock_timestamp() WHERE user_id = ANY(${sql.param(userIds)}::uuid[])
    RETURNING user_id, last_seen_at::text AS seen`);
  return new Map(r.rows.map((x) => [x.user_id, x.seen]));
}

/** Sets an agent's cap (creating their settings row). */
export async function setCap(tx: Q, tenantId: string, userId: string, max: number): Promise<void> {
  await tx.execute(sql`
    INSERT INTO agent_settings (user_id, tenant_id, max_open_conversations) VALUES (${userId}, ${tenantId}, ${max})
    ON CONFLICT (user_id) DO UPDATE SET max_open_conversations = excluded.max_open_conversations`);
}

/** An agent as GET /agents shows them. */
export interface AgentRow {
  id: string;
  name: string;
  role: Role;
  online: boolean;
  lastSeenAt: Date | null;
  openConversations: number;
  maxOpenConversations: number;
}

/**
 * The tenant's users with presence, unresolved count and cap (one user with `userId`); with
 * `actor`, only those working in its outlets, counting conversations on its outlets' numbers.
 */
export async function listAgents(
  db: Q,
  tenantId: string,
  userId?: string,
  actor?: Actor,
): Promise<AgentRow[]> {
  const r = await db.execute<{
    id: string;
    name: string;
    role: Role;
    online: boolean | null;
    last_seen_at: string | Date | null;
    open: number;
    max: number | null;
  }>(sql`
    SELECT u.id, u.name, u.role, s.online, s.last_seen_at, ${openCountOf(tenantId, actor)} AS open, s.max_open_conversations AS max
    FROM users u LEFT JOIN agent_settings s ON s.user_id = u.id AND s.tenant_id = ${tenantId}
    WHERE u.tenant_id = ${tenantId} ${userId ? sql`AND u.id = ${userId}` : sql``}${actor?.outletIds ? sql` AND ${userInScope(actor, sql`u.id`)}` : sql``}
    ORDER BY u.name, u.id`);
  return r.rows.map((x) => ({
    id: x.id,
    name: x.name,
    role: x.role,
    online: x.online ?? false,
    lastSeenAt: x.last_seen_at ? new Date(x.last_seen_at) : null,
    openConversations: x.open,
    maxOpenConversations: x.max ?? DEFAULT_MAX_OPEN_CONVERSATIONS,
  }));
}

/** The users of a channel's team (empty: the whole tenant answers it). */
export async function channelTeam(db: Q, tenantId: string, channelId: string): Promise<string[]> {
  const r = await db.execute<{ user_id: string }>(sql`
    SELECT user_id FROM channel_agents WHERE tenant_id = ${tenantId} AND channel_id = ${channelId} ORDER BY user_id`);
  return r.rows.map((x) => x.user_id);
}

/** Replaces a channel's team. */
export async function replaceChannelTeam(
  tx: Tx,
  tenantId: string,
  channelId: string,
  userIds: string[],
): Promise<void> {
  await tx.execute(
    sql`DELETE FROM channel_agents WHERE tenant_id = ${tenantId} AND channel_id = ${channelId}`,
  );
  for (const userId of userIds) {
    await tx.execute(
      sql`INSERT INTO channel_agents (channel_id, user_id, tenant_id) VALUES (${channelId}, ${userId}, ${tenantId})`,
    );
  }
}

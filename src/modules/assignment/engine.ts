/**
 * The assignment engine: every change of who handles a conversation, each in one
 * transaction under the tenant's assignment lock, so several Kabar processes on one
 * database never give the same agent more than their cap or break the rotation. The
 * functions return the `conversation.assigned` events to emit after commit.
 */
import type { Db, Tx } from "../../db/client.js";
import type { BusEvents } from "../../lib/bus.js";
import * as q from "./queries.js";
import type { AssignmentReason } from "./queries.js";

/** A `conversation.assigned` bus event. */
export type AssignedEvent = BusEvents["conversation.assigned"];

/** How many waiting conversations one drain looks at (the rest wait for the next free-up). */
const DRAIN_BATCH = 500;

/** Collects the net change per conversation over several moves in one transaction. */
class Changes {
  private readonly byConversation = new Map<string, AssignedEvent>();
  constructor(private readonly tenantId: string) {}
  record(conversationId: string, from: string | null, to: string | null, reason: AssignmentReason): void {
    const earlier = this.byConversation.get(conversationId);
    this.byConversation.set(conversationId, {
      tenantId: this.tenantId,
      conversationId,
      assigneeId: to,
      previousAssigneeId: earlier ? earlier.previousAssigneeId : from,
      reason,
    });
  }
  events(): AssignedEvent[] {
    return [...this.byConversation.values()].filter((e) => e.assigneeId !== e.previousAssigneeId);
  }
}

/** Runs `fn` in a transaction holding the tenant's assignment lock. */
async function locked<T>(
  db: Db,
  tenantId: string,
  fn: (tx: Tx, changes: Changes) => Promise<T>,
): Promise<{ result: T; events: AssignedEvent[] }> {
  return db.transaction(async (tx) => {
    await q.lockTenant(tx, tenantId);
    const changes = new Changes(tenantId);
    const result = await fn(tx, changes);
    return { result, events: changes.events() };
  });
}

async function move(tx: Tx, changes: Changes, m: q.Move & { from: string | null }): Promise<void> {
  await q.moveConversation(tx, m);
  // Back to the queue: the event says why the agent lost it; otherwise why the agent got it.
  changes.record(m.conversationId, m.from, m.to, m.to === null && m.from !== null ? m.endReason : m.reason);
}

/**
 * Serves the waiting queue, oldest first: each waiting conversation goes to its channel's
 * round-robin pick; a conversation nobody of its team can take is skipped (it keeps its
 * place). `avoid` keeps a conversation from going straight back to the agent who let it go.
 */
async function drainIn(
  tx: Tx,
  changes: Changes,
  tenantId: string,
  avoid: Map<string, string> = new Map(),
): Promise<void> {
  await q.purgeQueue(tx, tenantId);
  let free = await q.freeCapacity(tx, tenantId);
  if (free <= 0) return;
  for (const w of await q.waitingConversations(tx, tenantId, DRAIN_BATCH)) {
    const to = await q.pickAgent(tx, tenantId, w.channelId, avoid.get(w.id) ?? null);
    if (!to) continue;
    // Locked one at a time; skipped when the inbox resolved it meanwhile.
    const c = await q.lockConversation(tx, tenantId, w.id);
    if (c?.status !== "open" || c.assignee_id) continue;
    await move(tx, changes, {
      tenantId,
      conversationId: w.id,
      from: null,
      to,
      reason: w.reason,
      endReason: "manual",
      byUserId: null,
    });
    if (--free <= 0) return;
  }
}

/** Hands an agent's open conversations back: to the queue, then to online agents by round robin. */
async function handOverIn(tx: Tx, changes: Changes, tenantId: string, userId: string): Promise<void> {
  for (const conversationId of await q.openConversationsOf(tx, tenantId, userId)) {
    await move(tx, changes, {
      tenantId,
      conversationId,
      from: userId,
      to: null,
      reason: "offline",
      endReason: "offline",
      byUserId: null,
    });
  }
  await drainIn(tx, changes, tenantId);
}

/**
 * A conversation needs an agent (new, or open again). It stays with its assignee while
 * that agent is online; otherwise (no assignee, or an offline one) it joins the waiting
 * queue, which is then served oldest first.
 */
export async function routeOpened(
  db: Db,
  tenantId: string,
  conversationId: string,
): Promise<AssignedEvent[]> {
  const { events } = await locked(db, tenantId, async (tx, changes) => {
    const c = await q.lockConversation(tx, tenantId, conversationId);
    if (c?.status !== "open") return;
    if (c.assignee_id) {
      if (await q.isOnline(tx, tenantId, c.assignee_id)) return;
      await move(tx, changes, {
        tenantId,
        conversationId,
        from: c.assignee_id,
        to: null,
        reason: "offline",
        endReason: "offline",
        byUserId: null,
      });
    } else {
      await q.enqueue(tx, tenantId, conversationId, "auto");
    }
    await drainIn(tx, changes, tenantId);
  });
  return events;
}

/** Serves the waiting queue of a tenant (an agent has room: resolved, came online, cap raised, team changed). */
export async function drain(db: Db, tenantId: string): Promise<AssignedEvent[]> {
  return (await locked(db, tenantId, (tx, changes) => drainIn(tx, changes, tenantId))).events;
}

/**
 * Sets an agent online (they then take waiting conversations) or offline (their open
 * conversations are handed over). `onlyIfSeenBy`: the offline of an expired grace period,
 * skipped when the agent was seen since (a socket on another process).
 * @returns whether the presence changed, and the assignment events
 */
export async function setPresence(
  db: Db,
  tenantId: string,
  userId: string,
  online: boolean,
  onlyIfSeenBy?: q.SeenStamp,
) {
  const { result: changed, events } = await locked(db, tenantId, async (tx, changes) => {
    const changed = await q.setOnline(tx, tenantId, userId, online, onlyIfSeenBy);
    if (online) await drainIn(tx, changes, tenantId);
    else if (changed) await handOverIn(tx, changes, tenantId, userId);
    return changed;
  });
  return { changed, events };
}

/**
 * A user leaves the team (deactivated): set offline, and every open conversation of theirs
 * goes back to the queue (then to online agents), as when an agent goes offline, even when
 * they already were offline.
 * @returns whether the presence changed, and the assignment events
 */
export async function releaseAgent(db: Db, tenantId: string, userId: string) {
  const { result: changed, events } = await locked(db, tenantId, async (tx, changes) => {
    const changed = await q.setOnline(tx, tenantId, userId, false);
    await handOverIn(tx, changes, tenantId, userId);
    return changed;
  });
  return { changed, events };
}

/**
 * Assigns by hand: `to` null puts the conversation back in the queue. From nobody it is a
 * manual assignment, from one agent to another a transfer. `check` sees the current
 * assignee and the conversation's number first and throws when the caller may not do it
 * (the transaction rolls back).
 * The freed agent (if any) then gets the oldest waiting conversation, never this one.
 * @returns the assignee afterwards, or undefined when the conversation is not the tenant's
 */
export async function assignManually(
  db: Db,
  tenantId: string,
  conversationId: string,
  to: string | null,
  byUserId: string | null,
  check: (currentAssigneeId: string | null, channelId: string) => Promise<void>,
): Promise<{ assigneeId: string | null | undefined; events: AssignedEvent[] }> {
  const { result, events } = await locked(db, tenantId, async (tx, changes) => {
    const c = await q.lockConversation(tx, tenantId, conversationId);
    if (!c) return undefined;
    const from = c.assignee_id;
    await check(from, c.channel_id);
    if (from === to) return to;
    await move(tx, changes, {
      tenantId,
      conversationId,
      from,
      to,
      reason: from === null || to === null ? "manual" : "transfer",
      endReason: to === null ? "manual" : "transfer",
      byUserId,
    });
    await drainIn(tx, changes, tenantId, from ? new Map([[conversationId, from]]) : undefined);
    return (await q.lockConversation(tx, tenantId, conversationId))?.assignee_id ?? null;
  });
  return { assigneeId: result, events };
}

/**
 * A person replied in a conversation: when nobody handles it yet, it becomes theirs (a
 * manual assignment by themselves, taken out of the waiting queue). A conversation someone
 * handles stays with them; caps and presence do not limit it, like any manual assignment.
 */
export async function takeOnReply(
  db: Db,
  tenantId: string,
  conversationId: string,
  userId: string,
): Promise<AssignedEvent[]> {
  const { events } = await locked(db, tenantId, async (tx, changes) => {
    const c = await q.lockConversation(tx, tenantId, conversationId);
    if (!c || c.assignee_id) return;
    await move(tx, changes, {
      tenantId,
      conversationId,
      from: null,
      to: userId,
      reason: "manual",
      endReason: "manual",
      byUserId: userId,
    });
  });
  return events;
}

/** Sets an agent's cap, then serves the queue (a raised cap makes room). */
export async function setCap(
  db: Db,
  tenantId: string,
  userId: string,
  max: number,
): Promise<AssignedEvent[]> {
  return (
    await locked(db, tenantId, async (tx, changes) => {
      await q.setCap(tx, tenantId, userId, max);
      await drainIn(tx, changes, tenantId);
    })
  ).events;
}

/** Replaces a channel's team, then serves the queue (new members may take waiting conversations). */
export async function setTeam(
  db: Db,
  tenantId: string,
  channelId: string,
  userIds: string[],
): Promise<AssignedEvent[]> {
  return (
    await locked(db, tenantId, async (tx, changes) => {
      await q.replaceChannelTeam(tx, tenantId, channelId, userIds);
      await drainIn(tx, changes, tenantId);
    })
  ).events;
}

/**
 * What agents do in the inbox, one verb per function: list and read conversations,
 * change their state, write notes, and send messages. Every verb scopes its queries to
 * the actor's tenant; agents and owners alike see all of the tenant's conversations.
 */
import type { Db } from "../../db/client.js";
import type { ChannelManager } from "../../channels/manager.js";
import type { Actor } from "../../lib/actor.js";
import type { Bus } from "../../lib/bus.js";
import { listConversations } from "./list.js";
import type { QuickReplyService } from "./quick-replies.js";
import type { ListQuery } from "./schemas.js";
import { createSendService } from "./send.js";
import { createConversationState } from "./state.js";
import { conversationDetail, requireConversation, threadMessages } from "./thread.js";

/** The agents' side of the inbox. */
export function createConversationService(deps: {
  db: Db;
  bus: Bus;
  manager: ChannelManager | null;
  quickReplies: QuickReplyService;
}) {
  const { db } = deps;
  return {
    /** A page of conversations (filters, keyset cursor): see list.ts. */
    list: (actor: Actor, q: ListQuery) => listConversations(db, actor, q),
    /** One conversation. @throws KabarError 404 */
    get: (actor: Actor, id: string) => requireConversation(db, actor, id),
    /** The conversation with the contact panel (contact, notes, campaign history). @throws KabarError 404 */
    detail: (actor: Actor, id: string) => conversationDetail(db, actor, id),
    /** A page of the thread, oldest first. @throws KabarError 404 */
    messages: (actor: Actor, id: string, opts: { before?: string; limit: number }) =>
      threadMessages(db, actor, id, opts),
    ...createConversationState(db, deps.bus),
    ...createSendService(deps),
  };
}

/** The agents' side of the inbox (type). */
export type ConversationService = ReturnType<typeof createConversationService>;

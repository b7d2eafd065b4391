/**
 * What agents do in the inbox, one verb per function: list and read conversations,
 * change their state, write notes, and send messages. Every verb scopes its queries to
 * the actor's tenant and outlets; those holding `inbox.view_all` see all of those
 * conversations, those holding only `inbox.view_assigned` the ones assigned to them.
 */
import type { Db } from "../../db/client.js";
import type { EventHook } from "../../db/event-hooks.js";
import type { ChannelManager } from "../../channels/manager.js";
import { type Actor, requireAnyPermission } from "../../lib/actor.js";
import type { Bus } from "../../lib/bus.js";
import { listConversations } from "./queries/list.js";
import type { QuickReplyService } from "./quick-replies.js";
import type { ListQuery, SendInput } from "./schemas.js";
import { createSendService, type RepliedHook } from "./send.js";
import { createConversationState } from "./state.js";
import {
  conversationDetail,
  messageFile,
  type PanelCampaignSource,
  requireConversation,
  threadMessages,
} from "./thread.js";

/**
 * The actor, once it may read conversations: all of them (`inbox.view_all`) or those
 * assigned to them (`inbox.view_assigned`; the queries narrow to those, others answer 404).
 * @throws KabarError 403 without either
 */
function reader(actor: Actor): Actor {
  requireAnyPermission(actor, ["inbox.view_all", "inbox.view_assigned"]);
  return actor;
}

/**
 * The agents' conversation service: every verb the inbox's HTTP routes and the CLI call.
 * The state verbs are defined in state.ts and the send in send.ts; this lists them all.
 */
export function createConversationService(deps: {
  db: Db;
  bus: Bus;
  manager: ChannelManager | null;
  quickReplies: QuickReplyService;
  /** The contact panel's campaign history (the campaigns module's `latestCampaignsOfContact`). */
  panelCampaigns: PanelCampaignSource;
  /** A person replied in a conversation (send.ts): the assignment module takes it for them. */
  replied?: RepliedHook;
  /** Called in the transaction of the network's answer to a reply (send.ts): outgoing webhooks. */
  events?: EventHook;
  /** SaaS mode (`enabled`): replies check the subscription and are metered (metering.ts). */
  billing?: { readonly enabled: boolean };
}) {
  const { db } = deps;
  const state = createConversationState(db, deps.bus);
  const sender = createSendService(deps);
  return {
    /** A page of conversations (filters, keyset cursor): see list.ts. */
    list: (actor: Actor, q: ListQuery) => listConversations(db, reader(actor), q),
    /** One conversation. @throws KabarError 404 */
    get: (actor: Actor, id: string) => requireConversation(db, actor, id),
    /** The conversation with the contact panel (contact, notes, campaign history). @throws KabarError 404 */
    detail: (actor: Actor, id: string) => conversationDetail(db, deps.panelCampaigns, reader(actor), id),
    /** A page of the thread, oldest first. @throws KabarError 404 */
    messages: (actor: Actor, id: string, opts: { before?: string; limit: number }) =>
      threadMessages(db, reader(actor), id, opts),
    /** The stored file of one of its messages (thread.ts). @throws KabarError 404 `conversation_not_found`, `media_not_found` */
    messageFile: (actor: Actor, id: string, messageId: string) =>
      messageFile(db, reader(actor), id, messageId),
    /** Marks it done (state.ts). @throws KabarError 404 */
    resolve: (actor: Actor, id: string) => state.resolve(actor, id),
    /** Opens a resolved or snoozed one again (state.ts). @throws KabarError 404 */
    reopen: (actor: Actor, id: string) => state.reopen(actor, id),
    /** Snoozes it until `until` (state.ts). @throws KabarError 400 `snooze_in_past`, 404 */
    snooze: (actor: Actor, id: string, until: Date) => state.snooze(actor, id, until),
    /** Replaces its labels (state.ts). @throws KabarError 404 */
    setLabels: (actor: Actor, id: string, labels: string[]) => state.setLabels(actor, id, labels),
    /** Marks it read for the shop (state.ts). @throws KabarError 404 */
    markRead: (actor: Actor, id: string) => state.markRead(actor, id),
    /** Its internal notes, oldest first (state.ts). @throws KabarError 404 */
    notes: (actor: Actor, id: string) => state.notes(actor, id),
    /** Adds an internal note (state.ts). @throws KabarError 404 */
    addNote: (actor: Actor, id: string, body: string) => state.addNote(actor, id, body),
    /** Sends an agent's message in it (send.ts, which lists the errors). */
    send: (actor: Actor, id: string, input: SendInput) => sender.send(actor, id, input),
  };
}

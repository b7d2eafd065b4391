/**
 * An agent's reply: stored in `messages` (direction out, `pending`), announced as
 * `message.new`, then sent through the channel's live transport. A person's reply in an
 * unassigned conversation makes it theirs (the `replied` hook). The network's answer
 * moves it to `sent` (or `failed`); receipts move it on to `delivered` and `read` (the
 * campaign recorder writes them by network id), and every status change reaches the
 * sockets as `message.status` (status-listener.ts).
 *
 * The process holding the channel sends it. Elsewhere (another Kabar process holds the
 * channel, or this one holds none) the stored message is handed to the holder through
 * NOTIFY `INBOX_SEND_TOPIC` (src/db/topics.ts).
 */
import { randomBytes } from "node:crypto";
import type { Db, Tx } from "../../db/client.js";
import type { EventHook } from "../../db/event-hooks.js";
import { rawExecutor } from "../../db/transaction.js";
import type { ChannelManager } from "../../channels/manager.js";
import type { CloudApiOutgoing } from "../../channels/cloud-api/transport.js";
import { isWindowOpen } from "../../channels/cloud-api/window.js";
import { TransportError, type Transport, type TransportErrorCode } from "../../channels/transport.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import type { Bus } from "../../lib/bus.js";
import { inboxErrors } from "./errors.js";
import { giveBackUnits } from "../billing/index.js";
import { withReplyUnit } from "./metering.js";
import { channelStatus } from "../channels/index.js";
import { checkAttachment, resolveForSend } from "../media/index.js";
import {
  forwardToHolder,
  insertOutgoing,
  markOutgoingFailed,
  markOutgoingSent,
  type MediaAttachment,
  releaseReplyUnit,
  type MessageRow,
  pendingOutgoing,
  type UpdatedMessage,
} from "./queries/outgoing.js";
import type { QuickReplyService } from "./quick-replies.js";
import type { MessageDto, SendInput } from "./schemas.js";
import { requireConversation, toMessageDto } from "./thread.js";

/** A WhatsApp-Web-style message id ("3EB0" + 18 hex digits), unique per message. */
const newMessageId = (): string => `3EB0${randomBytes(9).toString("hex").toUpperCase()}`;

/**
 * Sends a stored `pending` message through `transport` and records the network's answer:
 * `sent` with the network's id, or `failed` with its reason (`code` then says why). The
 * message's stored media (`row.media`, one of the shop's files by id, or a link) is added to
 * `outgoing` here, looked up in the message's own shop.
 * Never throws a TransportError.
 */
async function deliver(
  db: Db,
  transport: Transport,
  row: MessageRow,
  phone: string,
  outgoing: CloudApiOutgoing,
  events?: EventHook,
): Promise<{ row: MessageRow; code?: TransportErrorCode }> {
  // The network's answer, and (with an event hook) its `message.status` event when the
  // status moved, in one transaction (also when a failure gives the reply's unit back).
  const record = async (write: (tx: Db | Tx) => Promise<UpdatedMessage | undefined>, inTx = false) => {
    if (!events && !inTx) return write(db);
    return db.transaction(async (tx) => {
      const m = await write(tx);
      if (events && m && m.was !== m.status)
        await events(tx, rawExecutor(tx), [
          {
            name: "message.status",
            payload: {
              tenantId: m.tenantId,
              channelId: m.channelId,
              contactId: m.contactId,
              messageId: m.id,
              status: m.status,
              error: m.error,
            },
          },
        ]);
      return m;
    });
  };
  try {
    const media = row.media ? await resolveForSend(db, row.tenantId, row.media) : undefined;
    const message: CloudApiOutgoing = !media
      ? outgoing
      : outgoing.template
        ? { ...outgoing, template: { ...outgoing.template, headerMedia: media } }
        : { ...outgoing, media };
    const result = await transport.send(phone, message, {
      messageId: row.externalId,
    });
    return { row: (await record((tx) => markOutgoingSent(tx, row.id, result.messageId))) ?? row };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    // SaaS mode: a reply stored holding a message unit gives it back with its failure,
    // once (the row's `unit_held` cleared by the same transaction).
    const updated = await record(async (tx) => {
      if (row.unitHeld && (await releaseReplyUnit(tx, row.id))) await giveBackUnits(tx, row.tenantId, 1);
      return markOutgoingFailed(tx, row.id, reason);
    }, row.unitHeld);
    if (!(err instanceof TransportError)) throw err;
    return { row: updated ?? row, code: err.code };
  }
}

/**
 * Sends a message the holder of its channel was asked to send (INBOX_SEND_TOPIC): only when
 * this process holds the channel and the message is still `pending` and unsent.
 */
export async function deliverForwarded(
  db: Db,
  manager: ChannelManager,
  messageId: string,
  events?: EventHook,
): Promise<void> {
  const row = await pendingOutgoing(db, messageId);
  const transport = row && manager.transport(row.m.channelId);
  if (!row || !transport) return;
  await deliver(db, transport, row.m, row.phone, { text: row.m.text ?? undefined }, events);
}

/** Told that the actor replied in a conversation (see `createSendService`'s `replied`). */
export type RepliedHook = (actor: Actor, conversationId: string) => Promise<void>;

/** The send verb of the inbox. */
export function createSendService(deps: {
  db: Db;
  bus: Bus;
  manager: ChannelManager | null;
  quickReplies: QuickReplyService;
  /**
   * A person replied in a conversation (the message is stored): the assignment module's
   * `repliedBy`, passed in by the composition root (assignment depends on the inbox), which
   * makes an unassigned conversation the replier's.
   */
  replied?: RepliedHook;
  /** Called in the transaction that records the network's answer (`message.status`): outgoing webhooks. */
  events?: EventHook;
  /** The billing service: `enabled` (SaaS mode) checks the subscription and meters replies (metering.ts). */
  billing?: { readonly enabled: boolean };
}) {
  const { db, bus, manager } = deps;
  return {
    /**
     * Sends an agent's message in a conversation (see the file comment) and answers it as
     * stored: `sent` (or `failed` with the network's reason) when this process holds the
     * channel, `pending` when it was handed to the holder.
     * @throws KabarError 404 `conversation_not_found`; 400 `unknown_media` (field `media.id` or `waTemplate.headerMedia.id`, also another shop's file), `unknown_quick_reply` or
     *   `empty_message` (field `quickReplyId`), `template_needs_cloud_api` (field `waTemplate`),
     *   `media_id_needs_cloud_api` (field `media.waMediaId`: a Meta media id on another kind); 422
     *   `outside_window` (free text on a Cloud API channel more than 24 h after the
     *   customer's last message: send `waTemplate` instead); 409 `channel_not_connected`;
     *   SaaS mode: 402 `subscription_inactive`, 402 `quota_exhausted` (package counts agents' replies)
     */
    async send(actor: Actor, conversationId: string, input: SendInput): Promise<MessageDto> {
      requirePermission(actor, "inbox.reply");
      const c = await requireConversation(db, actor, conversationId);
      let outgoing: CloudApiOutgoing;
      let text: string | null = null;
      let media: MediaAttachment | null = null;
      if (input.quickReplyId) {
        const rendered = await deps.quickReplies.renderFor(actor, input.quickReplyId, c);
        text = rendered.text;
        media = rendered.media;
        if (!text.trim() && !media) {
          throw inboxErrors.emptyMessage();
        }
        outgoing = { text: text.trim() ? text : undefined };
      } else if (input.waTemplate) {
        if (c.channelKind !== "cloud_api") {
          throw inboxErrors.templateNeedsCloudApi();
        }
        const { name, language, params, header, headerMedia } = input.waTemplate;
        const valuesOf = (v: typeof params) => (Array.isArray(v) ? v : Object.values(v));
        outgoing = {
          template: { name, language, body: params, ...(valuesOf(header).length ? { header } : {}) },
        };
        // A media header's file is the message's file: shown in the thread, sent as the header.
        media = await checkAttachment(db, actor.tenantId, headerMedia ?? null, "waTemplate.headerMedia");
        const values = [...valuesOf(header), ...valuesOf(params)];
        text = values.length ? `[${name}] ${values.join(" · ")}` : `[${name}]`;
      } else {
        text = input.text ?? null;
        if (input.media?.waMediaId && c.channelKind !== "cloud_api") throw inboxErrors.mediaIdNeedsCloudApi();
        media = await checkAttachment(db, actor.tenantId, input.media ?? null);
        outgoing = { text: input.text };
      }
      if (c.channelKind === "cloud_api" && !input.waTemplate) {
        const last = c.lastInboundAt ? Date.parse(c.lastInboundAt) : null;
        if (!isWindowOpen(last, Date.now())) throw inboxErrors.outsideWindow();
      }
      const status = await channelStatus(db, actor.tenantId, c.channelId);
      if (status === null) throw inboxErrors.conversationNotFound();
      const transport = manager?.transport(c.channelId);
      if (status !== "connected" || (!transport && input.waTemplate)) {
        throw inboxErrors.channelNotConnected();
      }
      const insert = (db: Db | Tx, unitHeld = false) =>
        insertOutgoing(db, {
          tenantId: actor.tenantId,
          channelId: c.channelId,
          contactId: c.contactId,
          conversationId,
          externalId: newMessageId(),
          text,
          media,
          unitHeld,
        });
      const { row } = deps.billing?.enabled
        ? await withReplyUnit(db, actor.tenantId, insert)
        : { row: await insert(db) };
      bus.emit("message.new", {
        tenantId: actor.tenantId,
        channelId: c.channelId,
        contactId: c.contactId,
        messageId: row.id,
        direction: "out",
        conversationId,
      });
      if (c.assigneeId === null) await deps.replied?.(actor, conversationId);
      if (!transport) {
        await forwardToHolder(db, row.id, c.channelId);
        return toMessageDto(row);
      }
      const sent = await deliver(db, transport, row, c.phone, outgoing, deps.events);
      if (sent.code === "outside_window") throw inboxErrors.outsideWindow();
      return toMessageDto(sent.row);
    },
  };
}

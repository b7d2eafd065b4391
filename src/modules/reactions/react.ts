/**
 * The reactions to a customer's message, run by the `inbound-reaction` job
 * (jobs/inbound-reaction.ts): the auto-reply decision (automation), a COD answer YA / BATAL
 * (order-messages) and a reply to a repeat-order reminder PESAN LAGI / NANTI / STOP
 * (reminders). Each is idempotent, so a retried job does nothing twice.
 *
 * One contact at a time, in order: the job's worker takes its jobs oldest first (the order
 * the intake stored them) and runs one contact's one after another (a lane per contact,
 * jobs/inbound-reaction.ts), and an advisory lock per contact keeps two processes from
 * reacting to one contact at once (two quick messages cannot both pass an auto-reply
 * cooldown).
 */
import type pg from "pg";
import type { Db } from "../../db/client.js";
import type { Enqueue } from "../../jobs/enqueue.js";
import type { Actor } from "../../lib/actor.js";
import {
  type AutoReplyEngineOptions,
  autoReplyEngine,
  type IncomingMessageRef,
} from "../automation/index.js";
import { codAnswers } from "../order-messages/index.js";
import type { createOrderService } from "../orders/index.js";
import { handleReminderReply } from "../reminders/index.js";
import { withContactLock } from "./queries.js";
import type { Logger } from "pino";

/** A customer's stored message, as the job carries it. */
export interface IncomingMessage extends IncomingMessageRef {
  /** Its conversation (a reminder's PESAN LAGI leaves a note there). */
  conversationId?: string | undefined;
}

/** What the reactions need (given by the composition root). */
interface ReactionDeps {
  db: Db;
  pool: pg.Pool;
  /** The job registry's enqueue (the auto-reply's `auto-reply` job). */
  enqueue: Enqueue;
  log: Logger;
  /** Auto-reply engine knobs (tests: `delayScale: 0`). */
  automation?: AutoReplyEngineOptions | undefined;
  /** The order service (a COD answer moves the order; PESAN LAGI takes a draft). */
  orders: Pick<ReturnType<typeof createOrderService>, "create" | "move">;
  /** Adds an internal note to a conversation (the inbox's conversation service). */
  addNote(actor: Actor, conversationId: string, body: string): Promise<unknown>;
}

/** Runs every reaction to one message (see the file header). */
export type InboundReactions = (m: IncomingMessage) => Promise<void>;

/**
 * Builds the reactions. Each runs even when another failed; then the first failure is
 * thrown, so the job retries (what already happened is not done again).
 */
export function createInboundReactions(d: ReactionDeps): InboundReactions {
  const autoReply = autoReplyEngine({
    db: d.db,
    pool: d.pool,
    enqueue: d.enqueue,
    ...(d.automation ? { options: d.automation } : {}),
  });
  const cod = codAnswers({ db: d.db, log: d.log, move: d.orders.move });
  const reminders = { db: d.db, orders: d.orders, addNote: d.addNote };
  const steps: Array<[string, (m: IncomingMessage) => Promise<unknown>]> = [
    // The auto-reply first: its customer is waiting for an answer.
    ["auto-reply", autoReply],
    ["COD answer", cod],
    ["reminder reply", (m) => handleReminderReply(reminders, m)],
  ];
  return (m) =>
    withContactLock(d.pool, m.contactId, async () => {
      let failure: unknown = null;
      for (const [name, step] of steps) {
        try {
          await step(m);
        } catch (err) {
          d.log.error({ err, messageId: m.messageId }, `${name} failed; the reaction job retries it`);
          failure ??= err;
        }
      }
      if (failure !== null) throw failure;
    });
}

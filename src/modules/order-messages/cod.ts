/**
 * COD confirmation. A new COD order gets the `cod_confirm` message instead of the thank-you
 * (hook.ts) and waits for the customer's answer on that conversation (`cod_confirmations`,
 * state `waiting`):
 *
 * - The answer is read from the first word of the customer's next message on that number,
 *   case-insensitive, punctuation ignored ({@link parseCodAnswer}): `YA` → the order moves to
 *   `confirmed`, `BATAL` → `cancelled` with the reason "Dibatalkan pelanggan lewat WhatsApp";
 *   the order's history notes that the customer answered on WhatsApp. Anything else ("ya kak"
 *   counts as YA, "iya" and "ok" do not) is left for a person.
 * - On a Cloud API number inside the customer's 24-hour window the question and its reminder
 *   carry two reply buttons, YA and BATAL (cod-buttons.ts `codButtons`, ids `cod:yes:<order id>` and
 *   `cod:cancel:<order id>`); a tap answers like the typed word ({@link codReplyOf}).
 * - No answer after the shop's N hours (default 12): one `cod_reminder`; N hours more: the
 *   order is flagged for CS (`flagged`, "COD belum dikonfirmasi" on the order) and an internal
 *   note is left on the conversation. The timers are `cod-timeout` jobs with `startAfter`,
 *   the first queued in the order's transaction.
 * - A person moving the order meanwhile ends the wait (`closed`): no reminder, no flag.
 */
import type { Logger } from "pino";
import type { InboundButton } from "../../channels/transport.js";
import type { Db, Tx } from "../../db/client.js";
import type { SqlExecutor } from "../../db/transaction.js";
import type { Enqueue } from "../../jobs/enqueue.js";
import type { Actor } from "../../lib/actor.js";
import { KabarError } from "../../lib/errors.js";
import type { OrderHook } from "../orders/index.js";
import type { CodStarted } from "./hook.js";
import { COD_BUTTON } from "./cod-buttons.js";
import { codTimeoutJob, HOUR_MS } from "./jobs/cod-timeout.js";
import { incomingAnswer, insertCod, moveCod, openCodOf } from "./queries.js";

export { codButtons } from "./cod-buttons.js";

/** The reason a cancellation by the customer's BATAL carries. */
const CUSTOMER_CANCEL_REASON = "Dibatalkan pelanggan lewat WhatsApp";
/** The history note of a confirmation by the customer's YA. */
const CUSTOMER_CONFIRM_NOTE = "Dikonfirmasi pelanggan lewat WhatsApp";

/** The customer's answer to a COD confirmation: its first word, YA or BATAL; null for anything else. */
export function parseCodAnswer(text: string | null | undefined): "yes" | "no" | null {
  const first = (text ?? "").trim().split(/\s+/)[0] ?? "";
  const word = first.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  if (word === "ya") return "yes";
  if (word === "batal") return "no";
  return null;
}

/**
 * The answer a customer's message gives to the COD question of `orderId`:
 * - a tapped COD button (`codButtons`) answers by its id, only for its own order (a
 *   stale tap under another order's question is left for a person);
 * - another interactive reply button or list row (an id Kabar gave another question, e.g. a
 *   reminder's) is left for a person whatever its label;
 * - a template's quick-reply button (its payload is the shop's own) and typed text answer by
 *   their words ({@link parseCodAnswer}; a tap's text is its label).
 */
export function codReplyOf(
  m: { text: string | null; button: InboundButton | null },
  orderId: string,
): "yes" | "no" | null {
  const id = m.button?.id;
  if (id?.startsWith(COD_BUTTON)) {
    const [, said, order] = id.split(":");
    if (order !== orderId) return null;
    return said === "yes" ? "yes" : said === "cancel" ? "no" : null;
  }
  if (m.button && m.button.kind !== "quick_reply") return null;
  return parseCodAnswer(m.text);
}

/** After the `cod_confirm` message was written: starts the wait and queues the reminder's timer. */
export function codStarted(enqueue: Enqueue, now: () => number = Date.now): CodStarted {
  return async (tx: Tx, raw: SqlExecutor, log, reminderHours) => {
    if (log.outcome !== "scheduled") return;
    await insertCod(tx, {
      tenantId: log.tenantId,
      orderId: log.orderId,
      channelId: log.channelId,
      contactId: log.contactId,
    });
    await enqueue(
      codTimeoutJob,
      { tenantId: log.tenantId, orderId: log.orderId, step: "remind" },
      { tx: raw, startAfter: new Date(now() + reminderHours * HOUR_MS) },
    );
  };
}

/**
 * Ends the wait of a COD order that moved, in the move's transaction: the customer's own
 * YA / BATAL (actor `customer`, {@link codAnswers}) answers it (`confirmed` / `cancelled`);
 * a person (or an API client) moving it meanwhile closes it (`closed`): no reminder, no flag.
 */
export const codClosedByMove: OrderHook = async (tx, _raw, change) => {
  // A draft placed starts the wait (hook.ts): only later moves end it.
  if (change.kind !== "status" || change.from === "draft" || change.order.paymentMethod !== "cod") return;
  const status = change.order.status;
  const to = change.actor.customer && (status === "confirmed" || status === "cancelled") ? status : "closed";
  await moveCod(tx, change.order.tenantId, change.order.id, ["waiting", "flagged"], to);
};

/** Moves an order as Kabar does for a customer's reply (orders' `move`, given by the composition root). */
type MoveOrder = (
  actor: Actor,
  orderId: string,
  input: { status: "confirmed" | "cancelled"; reason?: string },
) => Promise<unknown>;

/** What {@link codAnswers} needs (given by the composition root). */
interface CodAnswerDeps {
  db: Db;
  log: Logger;
  move: MoveOrder;
}

/** A customer's stored message, as a COD answer is looked for in it. */
interface Incoming {
  tenantId: string;
  channelId: string;
  contactId: string;
  messageId: string;
}

/**
 * Applies a YA / BATAL (typed or tapped, {@link codReplyOf}) in a customer's message to
 * their waiting COD order on that number. The order's move and the wait's answer commit
 * together (the move's hook {@link codClosedByMove} answers the wait), so a retry after a
 * crash finds either a waiting order (and moves it) or an answered one (and does nothing).
 * Run by the `inbound-reaction` job (src/modules/reactions).
 * @returns answer(m): resolves when applied or when there was nothing to apply; an order
 *   that moved elsewhere meanwhile (409) leaves the answer for a person
 * @throws (from answer) a database error: the job retries
 */
export function codAnswers(d: CodAnswerDeps): (m: Incoming) => Promise<void> {
  return async function answer(e: Incoming): Promise<void> {
    const cod = await openCodOf(d.db, e.tenantId, e.channelId, e.contactId);
    if (!cod) return;
    const incoming = await incomingAnswer(d.db, e.tenantId, e.messageId);
    const said = incoming ? codReplyOf(incoming, cod.orderId) : null;
    if (!said) return;
    const to = said === "yes" ? "confirmed" : "cancelled";
    const kabar: Actor = { tenantId: e.tenantId, userId: null, role: "owner", customer: true };
    try {
      await d.move(kabar, cod.orderId, {
        status: to,
        reason: said === "yes" ? CUSTOMER_CONFIRM_NOTE : CUSTOMER_CANCEL_REASON,
      });
    } catch (err) {
      if (!(err instanceof KabarError)) throw err;
      // The order cannot move so (it moved elsewhere meanwhile, 409): the answer is left for a person.
      await moveCod(d.db, e.tenantId, cod.orderId, ["waiting", "flagged"], "closed");
      d.log.info({ err, orderId: cod.orderId }, "a COD answer could not move its order");
    }
  };
}

/**
 * Taking an order: by a person (the web app's form, the inbox) or a machine client (the
 * shop's website with an API key, `POST /orders`).
 *
 * Idempotency (the order API's retries): an `Idempotency-Key` header, or else the body's
 * `externalId`, names the request. A second request with the same key and the same body
 * gets the first order back (`replayed`), never a second one; the same key with another
 * body is 409 `idempotency_conflict`. Two identical requests at once both end on the one
 * order: the loser of the unique index rolls back its work and reads the winner's order.
 */
import { createHash } from "node:crypto";
import type { Db, Tx } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { commonErrors } from "../../lib/common-errors.js";
import { normalizePhone } from "../../lib/phone/normalize.js";
import { provinceCode } from "../../lib/regions/provinces.js";
import { channelErrors, channelStatus } from "../channels/index.js";
import { contactById, contactErrors, contactScope, upsertContacts } from "../contacts/index.js";
import { conversationParties } from "../inbox/index.js";
import { channelIdsInScope, resolveOutletId } from "../outlets/index.js";
import { productsByIdsOrSkus } from "../products/index.js";
import { orderErrors } from "./errors.js";
import { type OrderHook, runOrderHooks } from "./hooks.js";
import { orderAmounts, priceLines } from "./lines.js";
import {
  insertOrder,
  type InsertedOrder,
  newOrderOutlet,
  repairOrderCounter,
  takeOrderNumber,
  orderByKey,
  type OrderEventInsert,
  type OrderRow,
} from "./queries/index.js";
import type { CreateOrderInput } from "./schemas.js";

/** Who an order's history names for an actor: a person, an API key, or Kabar (a job). */
export function eventActor(actor: Actor): Pick<OrderEventInsert, "actorKind" | "userId" | "apiKeyId"> {
  if (actor.apiKey) return { actorKind: "api_key", userId: null, apiKeyId: actor.apiKey.id };
  if (actor.customer) return { actorKind: "customer", userId: null, apiKeyId: null };
  if (actor.userId) return { actorKind: "user", userId: actor.userId, apiKeyId: null };
  return { actorKind: "system", userId: null, apiKeyId: null };
}

/** A province as stored: its code. @throws KabarError 400 `unknown_province` */
export function storedProvince(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === "") return input === "" ? null : input;
  const code = provinceCode(input);
  if (!code) throw orderErrors.unknownProvince();
  return code;
}

/**
 * Checks a number an order names (`channelId` of a new order or an edit): one of the shop's
 * and, for an actor limited to outlets, on one of their outlets.
 * @throws KabarError 400 `unknown_channel` (field `channelId`)
 */
export async function checkOrderChannel(db: Db, actor: Actor, channelId: string): Promise<void> {
  if ((await channelStatus(db, actor.tenantId, channelId)) === null)
    throw channelErrors.unknownChannel({ field: "channelId" });
  const mine = await channelIdsInScope(db, actor);
  if (mine && !mine.has(channelId)) throw channelErrors.unknownChannel({ field: "channelId" });
}

/** SHA-256 of a request body with its keys sorted, so the same order always hashes alike. */
function requestHash(body: unknown): string {
  const canonical = JSON.stringify(body, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
  return createHash("sha256").update(canonical).digest("hex");
}

/** Thrown inside the transaction when another request took the key first: rolls it back. */
class KeyTaken extends Error {}

/** The customer of a new order: their contact, name and phone, and the number the conversation is on. */
interface Customer {
  contactId: string;
  name: string | null;
  phone: string;
  channelId: string | null;
}

/** What a new order was made from, beside its body. */
export interface CreateContext {
  /** The `Idempotency-Key` header (trimmed, ≤ 200 characters). */
  idempotencyKey?: string;
  /** `manual` (the web app's form) unless the order came from the inbox or a reminder. */
  source?: "manual" | "reminder";
  /** A draft (a re-order the customer asked for, for CS to place). */
  draft?: boolean;
}

/** The order and whether it was made by an earlier request with the same key. */
interface Created {
  order: OrderRow;
  replayed: boolean;
  /** A new order's lines and first history entry as written (absent for a replay). */
  written?: InsertedOrder;
}

/**
 * Creates orders. The customer is a contact: named by id, by the inbox conversation, or
 * found or created by phone (Indonesian normalisation, 08… → +628…).
 * @throws KabarError 400 `unknown_product` / `order_amount_too_large` / `discount_too_large`
 *   (lines.ts), `invalid_phone` (`customer.phone`), `unknown_contact` (`customer.contactId`),
 *   `unknown_conversation`, `unknown_channel`, `unknown_province`, `unknown_outlet` (`outletId`);
 *   409 `idempotency_conflict`. For an actor limited to outlets, a number, conversation,
 *   contact or outlet outside them is unknown like another shop's. The order's outlet:
 *   {@link newOrderOutlet}.
 * `hooks` run in the transaction that inserts the order (hooks.ts).
 */
export function orderCreator(db: Db, hooks: readonly OrderHook[] = []) {
  /** The order a key already made, if any; 409 when it was made from another body. */
  async function replay(actor: Actor, key: { idempotencyKey?: string; externalId?: string }, hash: string) {
    const first = await orderByKey(db, actor.tenantId, key);
    if (!first) return null;
    if (first.requestHash !== hash) {
      const name =
        key.idempotencyKey && first.idempotencyKey === key.idempotencyKey ? "Idempotency-Key" : "externalId";
      throw orderErrors.idempotencyConflict({ key: name });
    }
    return first;
  }

  /**
   * The order's customer. `homeOutletId`: the home a contact made here gets (an actor
   * limited to outlets keeps seeing the customer they add; null: none, as before).
   */
  async function customerOf(
    tx: Tx,
    actor: Actor,
    input: CreateOrderInput,
    homeOutletId: string | null,
  ): Promise<Customer> {
    let channelId: string | null = null;
    let contactId = input.customer.contactId;
    // The contact named by id must be the actor's; one of a conversation the actor reaches is.
    let scope: ReturnType<typeof contactScope> | undefined = contactScope(actor);
    if (input.conversationId) {
      const parties = await conversationParties(db, actor.tenantId, input.conversationId);
      const mine = parties && (await channelIdsInScope(db, actor));
      if (!parties || (mine && !mine.has(parties.channelId))) throw orderErrors.unknownConversation();
      contactId = parties.contactId;
      channelId = parties.channelId;
      scope = undefined;
    }
    if (contactId) {
      const c = await contactById(tx, actor.tenantId, contactId, scope);
      if (!c) throw contactErrors.unknownContact({ field: "customer.contactId" });
      return { contactId: c.id, name: input.customer.name ?? c.name, phone: c.phone, channelId };
    }
    const parsed = normalizePhone(input.customer.phone ?? "");
    if (!parsed.ok) throw commonErrors.invalidPhone({ reason: parsed.reason, field: "customer.phone" });
    const [outcome] = await upsertContacts(
      tx,
      actor.tenantId,
      [{ phone: parsed.e164, name: input.customer.name, attributes: {}, labels: [] }],
      "import",
      homeOutletId,
    );
    // The contact's stored name only when the order gives none (one statement fewer).
    const name = input.customer.name ?? (await contactById(tx, actor.tenantId, outcome!.id))?.name ?? null;
    return {
      contactId: outcome!.id,
      name,
      phone: parsed.e164,
      channelId,
    };
  }

  return async function create(
    actor: Actor,
    input: CreateOrderInput,
    ctx: CreateContext = {},
  ): Promise<Created> {
    const hash = requestHash(input);
    const key = { idempotencyKey: ctx.idempotencyKey, externalId: input.externalId };
    const earlier = await replay(actor, key, hash);
    if (earlier) return { order: earlier, replayed: true };

    const skus = input.lines.flatMap((l) => (l.productId ? [] : [l.sku!]));
    const ids = input.lines.flatMap((l) => (l.productId ? [l.productId] : []));
    const lines = priceLines(input.lines, await productsByIdsOrSkus(db, actor.tenantId, ids, skus));
    const amounts = orderAmounts(lines, input.discount, input.shippingCost);
    const province = storedProvince(input.province);
    if (input.channelId) await checkOrderChannel(db, actor, input.channelId);
    // Named outlet: the shop's and the actor's (else 400 naming `outletId`).
    const outletId =
      input.outletId === undefined ? undefined : await resolveOutletId(db, actor, input.outletId, "outletId");
    // A customer a limited actor adds by phone is homed in the order's outlet or their first.
    const typedIn = !input.conversationId && !input.customer.contactId;
    const home =
      typedIn && actor.outletIds
        ? (outletId ?? (await resolveOutletId(db, actor, undefined, "outletId")))
        : null;
    const placedAt = input.placedAt ? new Date(input.placedAt) : new Date();
    const source = input.conversationId ? "inbox" : actor.apiKey ? "api" : (ctx.source ?? "manual");
    // A number taken and found used (the counter forgot increments in a crash): repair, take the next one.
    for (let attempt = 0; ; attempt++) {
      const { number, period } = await takeOrderNumber(db, actor.tenantId, placedAt);
      try {
        const written = await db.transaction(async (tx) => {
          const customer = await customerOf(tx, actor, input, home);
          const row = await insertOrder(
            tx,
            actor.tenantId,
            number,
            {
              contactId: customer.contactId,
              customerName: customer.name,
              customerPhone: customer.phone,
              status: ctx.draft ? "draft" : "new",
              paymentMethod: input.paymentMethod,
              ...amounts,
              address: input.address ?? null,
              province: province ?? null,
              city: input.city ?? null,
              notes: input.notes ?? null,
              source,
              channelId: input.channelId ?? customer.channelId,
              externalId: input.externalId ?? null,
              idempotencyKey: ctx.idempotencyKey ?? null,
              requestHash: hash,
              createdBy: actor.userId,
              placedAt,
            },
            newOrderOutlet(actor, { outletId, channelId: input.channelId ?? customer.channelId }),
            lines,
            { kind: "created", toStatus: ctx.draft ? "draft" : "new", ...eventActor(actor) },
          );
          if (!row) throw new KeyTaken();
          await runOrderHooks(hooks, tx, { kind: "created", order: row.row, from: null, actor });
          return row;
        });
        return { order: written.row, replayed: false, written };
      } catch (e) {
        if (!(e instanceof KeyTaken)) throw e;
        const first = await replay(actor, key, hash);
        if (first) return { order: first, replayed: true };
        if (attempt >= 2) throw e;
        await repairOrderCounter(db, actor.tenantId, period);
      }
    }
  };
}

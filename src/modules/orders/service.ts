/**
 * Orders: taken by hand, from the inbox or by the order API, moved along their status flow
 * (flow.ts), edited while open, listed, exported. Every verb takes an Actor and scopes
 * every statement by its shop and the actor's outlets (issue 13: an order of another outlet
 * is 404 `order_not_found` like another shop's); machine clients need the `orders:read` /
 * `orders:write` scope.
 */
import type { Db } from "../../db/client.js";
import type { Readable } from "node:stream";
import { type Actor, requirePermission, requireScope } from "../../lib/actor.js";
import type { Bus } from "../../lib/bus.js";
import { tenantCampaignSettings, tenantTimeZone } from "../tenants/index.js";
import { ordersFile } from "./export.js";
import { checkOrderChannel, type CreateContext, eventActor, orderCreator, storedProvince } from "./create.js";
import { narrowToOutlet } from "../outlets/index.js";
import { toOrderDto, listRowDto } from "./dto.js";
import { orderErrors } from "./errors.js";
import { announceOrder } from "./events.js";
import { type OrderHook, runOrderHooks } from "./hooks.js";
import { canMove, EDITABLE_STATUSES, FINAL_STATUSES, nextStatuses } from "./flow.js";
import { orderAmounts, priceLines } from "./lines.js";
import { productsByIdsOrSkus } from "../products/index.js";
import {
  exportPage,
  historyOf,
  insertOrderEvent,
  linesOf,
  linesOfOrders,
  listOrders,
  orderById,
  ordersInScope,
  replaceOrderLines,
  updateOrderIfStatus,
  type OrderInsert,
  type OrderListRow,
  type OrderRow,
} from "./queries/index.js";
import type {
  CreateOrderInput,
  ListOrdersQuery,
  OrderDto,
  OrderFilters,
  OrderStatus,
  OrderStatusInput,
  UpdateOrderInput,
} from "./schemas.js";
import { changesBetween, recordAudit } from "../audit/index.js";

/** The fields an edit may change only while the order is `draft` or `new`. */
const PRICED_FIELDS = ["lines", "paymentMethod", "discount", "shippingCost"] as const;

/** The statuses an order may move to, for an error's field: "confirmed, paid, …" or "none (final)". */
const allowedText = (from: OrderStatus): string => nextStatuses(from).join(", ") || "none (final)";

/**
 * Orders: take, list, read, edit, move, export (see the file header). `hooks` run in the
 * transaction of every new order and every status move (hooks.ts); with `bus`, each new
 * order, edit and move is announced as `order.changed` once it has committed (events.ts).
 */
export function createOrderService(db: Db, hooks: readonly OrderHook[] = [], bus?: Bus) {
  const create = orderCreator(db, hooks);

  async function row(actor: Actor, id: string): Promise<OrderRow> {
    const o = await orderById(db, actor.tenantId, id, ordersInScope(actor));
    if (!o) throw orderErrors.notFound();
    return o;
  }

  async function dto(actor: Actor, o: OrderRow): Promise<OrderDto> {
    const [lines, history] = await Promise.all([
      linesOf(db, actor.tenantId, o.id),
      historyOf(db, actor.tenantId, o.id),
    ]);
    return toOrderDto(o, lines, history);
  }

  /** The order moved under us: 409 naming what it is now. */
  async function movedMeanwhile(actor: Actor, id: string, to: string): Promise<never> {
    const now = await row(actor, id);
    throw orderErrors.illegalTransition({ from: now.status, to, allowed: allowedText(now.status) });
  }

  // Named so an edit that lost a race with a status change runs again under the new status.
  const service = {
    /**
     * Takes an order (see create.ts). `replayed`: an earlier request with the same
     * idempotency key or external id made it (the API answers 200 instead of 201).
     * @throws KabarError 403 `missing_scope` (an API key without `orders:write`), and create.ts's errors
     */
    async create(actor: Actor, input: CreateOrderInput, ctx: CreateContext = {}) {
      requirePermission(actor, "orders.create");
      requireScope(actor, "orders:write");
      const { order, replayed, written } = await create(actor, input, ctx);
      // A new order answers from what it wrote; a replay reads the first order back.
      if (written) {
        announceOrder(bus, order, "created");
        return { order: toOrderDto(order, written.lines, [written.created]), replayed };
      }
      return { order: await dto(actor, order), replayed };
    },

    /**
     * A page of the actor's orders (its outlets', or the `outletId` filter's), newest first.
     * @throws KabarError 403 `missing_scope`, 404 `outlet_not_found` (a filter outside the actor's outlets)
     */
    async list(actor: Actor, q: ListOrdersQuery) {
      requirePermission(actor, "orders.read");
      requireScope(actor, "orders:read");
      const [viewer, zone] = await Promise.all([
        narrowToOutlet(db, actor, q.outletId),
        tenantTimeZone(db, actor.tenantId),
      ]);
      const timeZone = zone ?? "Asia/Jakarta";
      const scope = ordersInScope(viewer);
      const { rows, total } = await listOrders(db, actor.tenantId, scope, q, timeZone, {
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { items: rows.map(listRowDto), total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Every order matching the filters as a CSV or XLSX file (export.ts), newest first,
     * read 1,000 at a time, within the actor's outlets (or the `outletId` filter's). Owners only.
     * @throws KabarError 403, 404 `outlet_not_found`
     */
    async exportFile(actor: Actor, filters: OrderFilters, format: "csv" | "xlsx"): Promise<Readable> {
      requirePermission(actor, "orders.export");
      const [viewer, shop] = await Promise.all([
        narrowToOutlet(db, actor, filters.outletId),
        tenantCampaignSettings(db, actor.tenantId),
      ]);
      const timeZone = shop?.timeZone ?? "Asia/Jakarta";
      const scope = ordersInScope(viewer);
      async function* pages() {
        for (let after: OrderListRow | null = null; ; ) {
          const rows: OrderListRow[] = await exportPage(
            db,
            actor.tenantId,
            scope,
            filters,
            timeZone,
            after,
            1000,
          );
          if (rows.length === 0) return;
          after = rows.at(-1)!;
          const lines = await linesOfOrders(
            db,
            actor.tenantId,
            rows.map((r) => r.id),
          );
          yield rows.map((order) => ({ order, lines: lines.get(order.id) ?? [] }));
          if (rows.length < 1000) return;
        }
      }
      return ordersFile({ pages: pages(), timeZone, language: shop?.locale ?? "id" }, format);
    },

    /** @throws KabarError 404 `order_not_found`, 403 `missing_scope` */
    async get(actor: Actor, id: string): Promise<OrderDto> {
      requirePermission(actor, "orders.read");
      requireScope(actor, "orders:read");
      return dto(actor, await row(actor, id));
    },

    /**
     * Edits an open order; the history keeps each changed field's value before and after.
     * Lines are priced again from the catalogue (a given `unitPrice` is kept).
     * @throws KabarError 404, 409 `order_locked` (priced fields after `new`, anything once
     *   final), 400 as create (products, discount, province, channel)
     */
    async update(actor: Actor, id: string, input: UpdateOrderInput): Promise<OrderDto> {
      requirePermission(actor, "orders.update");
      requireScope(actor, "orders:write");
      const current = await row(actor, id);
      if (input.channelId) await checkOrderChannel(db, actor, input.channelId);
      if (FINAL_STATUSES.has(current.status)) {
        throw orderErrors.locked({
          status: current.status,
          fields: { status: `${current.status} is final` },
        });
      }
      const priced = PRICED_FIELDS.filter((f) => input[f] !== undefined);
      if (priced.length > 0 && !EDITABLE_STATUSES.has(current.status)) {
        throw orderErrors.locked({
          status: current.status,
          fields: Object.fromEntries(priced.map((f) => [f, "only while draft or new"])),
        });
      }
      const patch: Partial<OrderInsert> = {};
      for (const k of [
        "address",
        "city",
        "notes",
        "courier",
        "trackingNumber",
        "channelId",
        "paymentMethod",
      ] as const) {
        if (input[k] !== undefined) Object.assign(patch, { [k]: input[k] });
      }
      if (input.province !== undefined) patch.province = storedProvince(input.province) ?? null;
      const oldLines = await linesOf(db, actor.tenantId, id);
      const newLines = input.lines
        ? priceLines(
            input.lines,
            await productsByIdsOrSkus(
              db,
              actor.tenantId,
              input.lines.flatMap((l) => (l.productId ? [l.productId] : [])),
              input.lines.flatMap((l) => (l.productId ? [] : [l.sku!])),
            ),
          )
        : null;
      if (newLines || input.discount !== undefined || input.shippingCost !== undefined) {
        Object.assign(
          patch,
          orderAmounts(
            newLines ?? oldLines,
            input.discount ?? current.discount,
            input.shippingCost ?? current.shippingCost,
          ),
        );
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [k, to] of Object.entries(patch)) {
        const from = current[k as keyof OrderRow];
        if (from !== to) changes[k] = { from, to };
      }
      const linesText = (ls: ReadonlyArray<{ sku: string; quantity: number; unitPrice: number }>) =>
        ls.map((l) => `${l.quantity}× ${l.sku} @ ${l.unitPrice}`).join(", ");
      if (newLines && linesText(newLines) !== linesText(oldLines)) {
        changes.lines = { from: linesText(oldLines), to: linesText(newLines) };
      }
      if (Object.keys(changes).length === 0) return dto(actor, current);
      const updated = await db.transaction(async (tx) => {
        const u = await updateOrderIfStatus(tx, actor.tenantId, id, current.status, patch);
        if (!u) return undefined;
        if (newLines) await replaceOrderLines(tx, actor.tenantId, id, newLines);
        await insertOrderEvent(tx, actor.tenantId, id, { kind: "edited", changes, ...eventActor(actor) });
        return u;
      });
      if (!updated) return service.update(actor, id, input);
      announceOrder(bus, updated, "edited");
      return dto(actor, updated);
    },

    /**
     * Moves an order along its flow (flow.ts). `shipped` needs a courier (and takes a
     * tracking number); `cancelled` and `returned` need a reason; `completed` stamps
     * `completed_at`. Two people moving the same order at once: the second gets 409.
     * @throws KabarError 404, 409 `illegal_order_transition`, 400 `order_status_incomplete`
     */
    async move(actor: Actor, id: string, input: OrderStatusInput): Promise<OrderDto> {
      requirePermission(actor, "orders.status");
      requireScope(actor, "orders:write");
      const current = await row(actor, id);
      const to = input.status;
      if (!canMove(current.status, to)) {
        throw orderErrors.illegalTransition({
          from: current.status,
          to,
          allowed: allowedText(current.status),
        });
      }
      const patch: Partial<OrderInsert> = { status: to };
      if (to === "shipped") {
        const courier = input.courier ?? current.courier;
        if (!courier) throw orderErrors.statusNeeds({ field: "courier", status: to });
        patch.courier = courier;
        patch.trackingNumber = input.trackingNumber ?? current.trackingNumber;
      }
      if (to === "cancelled" || to === "returned") {
        if (!input.reason) throw orderErrors.statusNeeds({ field: "reason", status: to });
        patch.closeReason = input.reason;
      }
      if (to === "completed") patch.completedAt = new Date();
      const note =
        to === "shipped"
          ? [patch.courier, patch.trackingNumber].filter(Boolean).join(" · ")
          : (input.reason ?? null);
      const moved = await db.transaction(async (tx) => {
        const u = await updateOrderIfStatus(tx, actor.tenantId, id, current.status, patch);
        if (!u) return undefined;
        await insertOrderEvent(tx, actor.tenantId, id, {
          kind: "status",
          fromStatus: current.status,
          toStatus: to,
          note,
          ...eventActor(actor),
        });
        await runOrderHooks(hooks, tx, { kind: "status", order: u, from: current.status, actor });
        await recordAudit(tx, actor, {
          action: "order.status",
          target: { type: "order", id, name: u.number },
          changes: changesBetween(
            { status: current.status, courier: current.courier, trackingNumber: current.trackingNumber },
            {
              status: to,
              courier: patch.courier,
              trackingNumber: patch.trackingNumber,
              reason: patch.closeReason,
            },
          ),
        });
        return u;
      });
      if (!moved) return movedMeanwhile(actor, id, to);
      announceOrder(bus, moved, "status");
      return dto(actor, moved);
    },
  };
  return service;
}

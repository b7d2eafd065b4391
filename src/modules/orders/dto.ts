/** An order's rows as the API shows them (`OrderDto`, `OrderSummaryDto`). */
import { provinceName } from "../../lib/regions/provinces.js";
import { nextStatuses } from "./flow.js";
import type { OrderEventRow, OrderLineRow, OrderListRow } from "./queries/index.js";
import type { OrderRow } from "./queries/index.js";
import type { OrderDto, OrderSummaryDto } from "./schemas.js";

/** An order in a list. */
function toSummaryDto(o: OrderRow, itemCount: number): OrderSummaryDto {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    paymentMethod: o.paymentMethod,
    source: o.source,
    customer: { contactId: o.contactId, name: o.customerName, phone: o.customerPhone },
    total: o.total,
    itemCount,
    placedAt: o.placedAt.toISOString(),
    outletId: o.outletId,
  };
}

/** A list row as the API shows it. */
export const listRowDto = (r: OrderListRow): OrderSummaryDto => toSummaryDto(r, r.itemCount);

/** A whole order: its lines, history, and the statuses it may move to now. */
export function toOrderDto(o: OrderRow, lines: OrderLineRow[], history: OrderEventRow[]): OrderDto {
  return {
    ...toSummaryDto(
      o,
      lines.reduce((n, l) => n + l.quantity, 0),
    ),
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
    })),
    subtotal: o.subtotal,
    discount: o.discount,
    shippingCost: o.shippingCost,
    address: o.address,
    province: o.province,
    provinceName: o.province ? provinceName(o.province) : null,
    city: o.city,
    notes: o.notes,
    courier: o.courier,
    trackingNumber: o.trackingNumber,
    closeReason: o.closeReason,
    channelId: o.channelId,
    externalId: o.externalId,
    completedAt: o.completedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    next: nextStatuses(o.status),
    history: history.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: { kind: e.actorKind, name: e.actorName },
      note: e.note,
      changes: e.changes,
      at: e.createdAt.toISOString(),
    })),
  };
}

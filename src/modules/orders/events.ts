/**
 * The orders module's bus event: `order.changed`, announced after an order's transaction
 * commits (a new order, an edit, a status move), so the shop's web clients refresh the
 * order lists, the order page and the inbox panel's customer orders (src/realtime forwards
 * it to the shop's sockets).
 */
import type { Bus } from "../../lib/bus.js";
import type { OrderRow } from "./queries/index.js";
import type { OrderStatus } from "./schemas.js";

/** What changed: a new order, an edit of its fields or lines, or a status move. */
type OrderChangeKind = "created" | "edited" | "status";

declare module "../../lib/bus.js" {
  interface BusEvents {
    /** An order of the shop was created, edited or moved (after its transaction committed). */
    "order.changed": {
      tenantId: string;
      /** The order's id. */
      id: string;
      /** Its number, `INV/2026/12/0001`. */
      number: string;
      /** Its status after the change. */
      status: OrderStatus;
      kind: OrderChangeKind;
      /** The customer's contact (null: the contact was deleted). */
      contactId: string | null;
      /**
       * The order's outlet (null: none): the staff of that outlet hear it (src/realtime),
       * without a read of the order per event.
       */
      outletId: string | null;
    };
  }
}

/** Announces `order`'s change on `bus` (none: nothing). Call it only once the change has committed. */
export function announceOrder(bus: Bus | undefined, order: OrderRow, kind: OrderChangeKind): void {
  bus?.emit("order.changed", {
    tenantId: order.tenantId,
    id: order.id,
    number: order.number,
    status: order.status,
    kind,
    contactId: order.contactId,
    outletId: order.outletId,
  });
}

/** The orders module's row types (what its statements read and write). */
import type { orderEvents, orderLines, orders } from "../../../db/schema/index.js";

/** A stored order. */
export type OrderRow = typeof orders.$inferSelect;
/** What a new order row is written with (id, number, timestamps come from here or defaults). */
export type OrderInsert = Omit<typeof orders.$inferInsert, "id" | "number" | "tenantId">;
/** An entry of an order's history as written. */
export type OrderEventInsert = Omit<
  typeof orderEvents.$inferInsert,
  "id" | "tenantId" | "orderId" | "createdAt"
>;
/** A stored order line. */
export type OrderLineRow = typeof orderLines.$inferSelect;
/** A history entry with the name of who made it (the user's or the API key's). */
export type OrderEventRow = typeof orderEvents.$inferSelect & { actorName: string | null };

/** The orders module's statements (the owner of `orders`, `order_lines`, `order_events`, `order_counters`). */
export {
  exportPage,
  historyOf,
  linesOf,
  linesOfOrders,
  listOrders,
  orderById,
  orderByKey,
  type OrderListRow,
  ordersInScope,
} from "./read.js";
export {
  insertOrder,
  type InsertedOrder,
  insertOrderEvent,
  newOrderOutlet,
  repairOrderCounter,
  takeOrderNumber,
  replaceOrderLines,
  updateOrderIfStatus,
} from "./write.js";
export type { OrderEventInsert, OrderEventRow, OrderInsert, OrderLineRow, OrderRow } from "./types.js";
export { insertOrderHistory, orderCount, type HistoricOrder } from "./history.js";

/** The orders module's statements (the owner of `orders`, `order_lines`, `order_events`, `order_counters`). */
export {
  historyOf,
  linesOf,
  linesOfOrders,
  listOrders,
  orderById,
  orderByKey,
  type OrderEventRow,
  type OrderLineRow,
  type OrderListRow,
} from "./read.js";
export {
  insertOrder,
  insertOrderEvent,
  repairOrderCounter,
  takeOrderNumber,
  replaceOrderLines,
  updateOrderIfStatus,
  type OrderEventInsert,
  type OrderInsert,
  type OrderRow,
} from "./write.js";
export { insertOrderHistory, orderCount, type HistoricOrder } from "./history.js";

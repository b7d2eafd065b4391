/** The orders module's public surface: orders by hand, from the inbox and from the order API. */
export { createOrderService } from "./service.js";
export { orderErrors } from "./errors.js";
export type { OrderChange, OrderHook } from "./hooks.js";
export type { OrderRow } from "./queries/index.js";
export { seedDemoOrders } from "./demo/seed.js";

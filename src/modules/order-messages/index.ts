/**
 * The order-messages module's public surface: the thank-you, status and COD messages of
 * orders (settings, the order hook, the `order-message` job). It owns `order_message_settings`,
 * `order_messages` and `cod_confirmations`.
 */
export { createOrderMessageService } from "./service.js";
export { orderMessageHook } from "./hook.js";
export { orderMessageJob } from "./jobs/order-message.js";
export { codTimeoutJob } from "./jobs/cod-timeout.js";
export { codAnswers, codClosedByMove, codStarted } from "./cod.js";
export { orderMessageErrors } from "./errors.js";

/** The notifications module's public surface: what the shop must know, and the bus listener that writes it. */
export { createNotificationService } from "./service.js";
export { listenForNotifications } from "./listener.js";
export { notificationErrors } from "./errors.js";

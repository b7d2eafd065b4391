/** The reports module's public surface: sales reports read from the shop's orders. */
export { createReportService } from "./service.js";

/** The stats module's public surface: the dashboard figures. */
export { createStatsService } from "./service.js";

/** The health module's public surface: channel health figures. */
export { createHealthService, splitHealth } from "./service.js";

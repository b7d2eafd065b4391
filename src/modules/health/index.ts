/** The health module's public surface: channel health figures. */
export { coldForbidden, createHealthService, splitHealth } from "./service.js";

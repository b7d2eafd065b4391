/** The health module's public surface: channel health figures. */
export { createHealthService } from "./service.js";

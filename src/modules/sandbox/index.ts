/** The sandbox module's public surface: the sandbox service and the database store of the virtual phones. */
export { createSandboxService } from "./service.js";
export { PgSandboxStore } from "./pg-store.js";
export { sandboxErrors } from "./errors.js";

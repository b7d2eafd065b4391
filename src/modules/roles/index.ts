/** The roles module's public surface: built-in and custom roles, and the granting rules. */
export { createRoleService, type RoleService } from "./service.js";
export { roleErrors } from "./errors.js";

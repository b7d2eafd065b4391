/** The users module's public surface: a shop's team members. */
export { createUserService } from "./service.js";
export { userErrors } from "./errors.js";
export { insertUser } from "./queries.js";

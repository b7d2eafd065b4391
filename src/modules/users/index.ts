/** The users module's public surface for other modules. */
export { insertUser, type UserInsert } from "./queries.js";

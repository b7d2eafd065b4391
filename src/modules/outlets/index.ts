/** The outlets module's public surface: outlets, who works in which, and the outlet scope of queries (issue 13). */
export { createOutletService } from "./service.js";
export { outletErrors } from "./errors.js";
export { checkGivenOutlets, resolveOutletId } from "./resolve.js";
export {
  channelIdsInScope,
  channelInScope,
  contactOutletInsert,
  contactInScope,
  insertOutlet,
  outletIdsOfUser,
  outletInScope,
  userInScope,
  outletsOfUsers,
  setUserOutlets,
} from "./queries.js";

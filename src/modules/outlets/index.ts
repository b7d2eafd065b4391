/** The outlets module's public surface: outlets, who works in which, and the outlet scope of queries (issue 13). */
export { createOutletService } from "./service.js";
export { outletErrors } from "./errors.js";
export { checkGivenOutlets, narrowToOutlet, requireShopWidePerson, resolveOutletId } from "./resolve.js";
export {
  channelIdsInScope,
  channelInScope,
  contactOutletInsert,
  contactInScope,
  customersOfOutlets,
  insertOutlet,
  outletIdsOfUser,
  outletInScope,
  userInScope,
  outletsOfUsers,
  setUserOutlets,
  worksAtChannel,
} from "./queries.js";

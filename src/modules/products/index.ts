/** The products module's public surface: the shop's catalogue. */
export { productsByIdsOrSkus, type ProductRow } from "./queries.js";

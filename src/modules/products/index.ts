/** The products module's public surface: the shop's catalogue. */
export { insertProducts, productsByIdsOrSkus, type ProductRow } from "./queries.js";
export { createProductService } from "./service.js";
export { productErrors } from "./errors.js";

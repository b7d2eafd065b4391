/** The products module's public surface: the shop's catalogue. */
export { productsByIdsOrSkus, type ProductRow } from "./queries.js";
export { createProductService, type ProductService } from "./service.js";
export { productErrors } from "./errors.js";

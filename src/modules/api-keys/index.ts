/** The api-keys module's public surface: the shop's keys for machine clients. */
export { createApiKeyService, isApiKeyToken, type ApiKeyService } from "./service.js";
export { apiKeyErrors } from "./errors.js";

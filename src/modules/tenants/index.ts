/** The tenants module's public surface: shops, and the demo seed of a first start. */
export { createTenantService } from "./service.js";
export { seedDemo, type DemoSeed } from "./seed.js";
export { tenantErrors } from "./errors.js";
export { moduleEnabled, tenantCampaignSettings, tenantTimeZone } from "./queries.js";

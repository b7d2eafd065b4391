import type { App, HttpOptions } from "../../http/types.js";
import { tenantSchema, updateTenantBody } from "./service.js";

/** GET/PATCH /tenant: the shop's settings. */
export function tenantRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["tenant"];
  app.get("/tenant", { schema: { tags, response: { 200: tenantSchema } } }, (req) =>
    services.tenants.get(req.actor),
  );
  app.patch("/tenant", { schema: { tags, body: updateTenantBody, response: { 200: tenantSchema } } }, (req) =>
    services.tenants.update(req.actor, req.body),
  );
}

/**
 * The route list the generated suites iterate (isolation, validation, permission matrix,
 * outlet scoping, audit coverage, module switches): every /api/v1 route, those that need no
 * session, and helpers to name and fill them. `apiRoutesFromOpenApi` keeps the list complete.
 */
import type { App } from "../../src/http/types.js";
import type { Method } from "./api.js";

/** One /api/v1 route; `:id`, `:messageId` and `:phone` are path parameters. */
export interface RouteSpec {
  method: Method;
  path: string;
}

/** Every /api/v1 route (src/modules/*\/routes.ts). `apiRoutesFromOpenApi` keeps this complete. */
export const API_ROUTES: readonly RouteSpec[] = [
  { method: "POST", path: "/auth/sign-in" },
  { method: "POST", path: "/auth/sign-out" },
  { method: "GET", path: "/auth/me" },
  { method: "POST", path: "/auth/password" },
  { method: "POST", path: "/auth/sign-out-everywhere" },
  { method: "GET", path: "/auth/session" },
  { method: "GET", path: "/tenant" },
  { method: "PATCH", path: "/tenant" },
  { method: "GET", path: "/users" },
  { method: "POST", path: "/users" },
  { method: "PATCH", path: "/users/:id" },
  { method: "GET", path: "/roles" },
  { method: "POST", path: "/roles" },
  { method: "GET", path: "/roles/:id" },
  { method: "PATCH", path: "/roles/:id" },
  { method: "DELETE", path: "/roles/:id" },
  { method: "GET", path: "/outlets" },
  { method: "POST", path: "/outlets" },
  { method: "GET", path: "/outlets/:id" },
  { method: "PATCH", path: "/outlets/:id" },
  { method: "DELETE", path: "/outlets/:id" },
  { method: "POST", path: "/api-keys" },
  { method: "GET", path: "/api-keys" },
  { method: "DELETE", path: "/api-keys/:id" },
  { method: "POST", path: "/webhook-endpoints" },
  { method: "GET", path: "/webhook-endpoints" },
  { method: "PATCH", path: "/webhook-endpoints/:id" },
  { method: "DELETE", path: "/webhook-endpoints/:id" },
  { method: "POST", path: "/webhook-endpoints/:id/rotate-secret" },
  { method: "POST", path: "/webhook-endpoints/:id/test" },
  { method: "GET", path: "/webhook-endpoints/:id/deliveries" },
  { method: "POST", path: "/webhook-endpoints/:id/deliveries/:deliveryId/redeliver" },
  { method: "GET", path: "/channels" },
  { method: "GET", path: "/channels/pacing-presets" },
  { method: "GET", path: "/channels/health" },
  { method: "POST", path: "/channels" },
  { method: "GET", path: "/channels/:id" },
  { method: "PATCH", path: "/channels/:id" },
  { method: "POST", path: "/channels/:id/connect" },
  { method: "POST", path: "/channels/:id/disconnect" },
  { method: "POST", path: "/channels/:id/logout" },
  { method: "POST", path: "/channels/:id/pairing-code" },
  { method: "POST", path: "/channels/:id/wa-templates/sync" },
  { method: "GET", path: "/channels/:id/wa-templates" },
  { method: "POST", path: "/channels/:id/wa-templates" },
  { method: "DELETE", path: "/channels/:id/wa-templates/:name" },
  { method: "GET", path: "/channels/:id/health" },
  { method: "GET", path: "/channels/:id/link" },
  { method: "GET", path: "/contacts" },
  { method: "POST", path: "/contacts" },
  { method: "GET", path: "/contacts/labels" },
  { method: "GET", path: "/contacts/attributes" },
  { method: "GET", path: "/contacts/export" },
  { method: "GET", path: "/contacts/:id" },
  { method: "GET", path: "/contacts/:id/history" },
  { method: "PATCH", path: "/contacts/:id" },
  { method: "DELETE", path: "/contacts/:id" },
  { method: "POST", path: "/contacts/bulk-delete" },
  { method: "POST", path: "/contacts/bulk-label" },
  { method: "POST", path: "/contacts/imports" },
  { method: "POST", path: "/contacts/imports/preview" },
  { method: "POST", path: "/contacts/imports/preview/rows" },
  { method: "GET", path: "/contacts/imports" },
  { method: "GET", path: "/contacts/imports/:id" },
  { method: "GET", path: "/contacts/imports/:id/errors" },
  { method: "GET", path: "/products" },
  { method: "POST", path: "/products" },
  { method: "GET", path: "/products/categories" },
  { method: "GET", path: "/products/export" },
  { method: "POST", path: "/products/imports" },
  { method: "POST", path: "/products/images" },
  { method: "GET", path: "/products/:id" },
  { method: "PATCH", path: "/products/:id" },
  { method: "DELETE", path: "/products/:id" },
  { method: "GET", path: "/templates" },
  { method: "POST", path: "/templates" },
  { method: "POST", path: "/templates/preview" },
  { method: "POST", path: "/templates/media" },
  { method: "GET", path: "/media/:id" },
  { method: "GET", path: "/templates/:id" },
  { method: "PUT", path: "/templates/:id" },
  { method: "DELETE", path: "/templates/:id" },
  { method: "GET", path: "/campaigns" },
  { method: "POST", path: "/campaigns" },
  { method: "GET", path: "/campaigns/:id" },
  { method: "PATCH", path: "/campaigns/:id" },
  { method: "POST", path: "/campaigns/:id/start" },
  { method: "POST", path: "/campaigns/:id/schedule" },
  { method: "POST", path: "/campaigns/:id/pause" },
  { method: "POST", path: "/campaigns/:id/resume" },
  { method: "POST", path: "/campaigns/:id/cancel" },
  { method: "POST", path: "/campaigns/:id/retry-failed" },
  { method: "POST", path: "/campaigns/:id/resend-drops" },
  { method: "GET", path: "/campaigns/:id/recipients" },
  { method: "POST", path: "/campaigns/estimate" },
  { method: "GET", path: "/campaigns/:id/report" },
  { method: "GET", path: "/stats/overview" },
  { method: "GET", path: "/conversations" },
  { method: "GET", path: "/conversations/:id" },
  { method: "GET", path: "/conversations/:id/messages" },
  { method: "GET", path: "/conversations/:id/messages/:messageId/media" },
  { method: "POST", path: "/conversations/:id/messages" },
  { method: "POST", path: "/conversations/:id/media" },
  { method: "POST", path: "/conversations/:id/read" },
  { method: "POST", path: "/conversations/:id/resolve" },
  { method: "POST", path: "/conversations/:id/reopen" },
  { method: "POST", path: "/conversations/:id/snooze" },
  { method: "PUT", path: "/conversations/:id/labels" },
  { method: "GET", path: "/conversations/:id/notes" },
  { method: "POST", path: "/conversations/:id/notes" },
  { method: "GET", path: "/quick-replies" },
  { method: "POST", path: "/quick-replies" },
  { method: "PUT", path: "/quick-replies/:id" },
  { method: "DELETE", path: "/quick-replies/:id" },
  { method: "POST", path: "/quick-replies/:id/render" },
  { method: "GET", path: "/agents" },
  { method: "PUT", path: "/agents/me/presence" },
  { method: "PATCH", path: "/agents/:id" },
  { method: "POST", path: "/conversations/:id/assign" },
  { method: "GET", path: "/channels/:id/agents" },
  { method: "PUT", path: "/channels/:id/agents" },
  { method: "GET", path: "/notifications" },
  { method: "POST", path: "/notifications/read-all" },
  { method: "POST", path: "/notifications/:id/read" },
  { method: "GET", path: "/sandbox/phones" },
  { method: "GET", path: "/sandbox/phones/:phone/messages" },
  { method: "POST", path: "/sandbox/phones/:phone/messages" },
  { method: "POST", path: "/sandbox/channels/:id/scan" },
  { method: "POST", path: "/sandbox/channels/:id/faults" },
  { method: "GET", path: "/automation/rules" },
  { method: "POST", path: "/automation/rules" },
  { method: "GET", path: "/automation/rules/:id" },
  { method: "PATCH", path: "/automation/rules/:id" },
  { method: "DELETE", path: "/automation/rules/:id" },
  { method: "GET", path: "/automation/rules/:id/log" },
  { method: "POST", path: "/automation/test" },
  { method: "GET", path: "/provinces" },
  { method: "GET", path: "/orders" },
  { method: "GET", path: "/orders/export" },
  { method: "POST", path: "/orders" },
  { method: "GET", path: "/orders/:id" },
  { method: "PATCH", path: "/orders/:id" },
  { method: "POST", path: "/orders/:id/status" },
  { method: "GET", path: "/orders/:id/messages" },
  { method: "GET", path: "/orders/:id/cod" },
  { method: "GET", path: "/order-messages/settings" },
  { method: "PUT", path: "/order-messages/settings" },
  { method: "POST", path: "/order-messages/preview" },
  { method: "GET", path: "/reports/sales" },
  { method: "GET", path: "/reports/summary" },
  { method: "GET", path: "/reports/today" },
  { method: "GET", path: "/reports/export" },
  { method: "GET", path: "/segments" },
  { method: "POST", path: "/segments/refresh" },
  { method: "PUT", path: "/segments/settings" },
  { method: "GET", path: "/reminders/preview" },
  { method: "GET", path: "/reminders/settings" },
  { method: "PUT", path: "/reminders/settings" },
  { method: "GET", path: "/contacts/:id/rfm" },
  { method: "GET", path: "/audit" },
  { method: "GET", path: "/audit/export" },
  { method: "GET", path: "/audit/people" },
  { method: "GET", path: "/billing" },
  { method: "GET", path: "/billing/packages" },
  { method: "POST", path: "/billing/checkout" },
  { method: "GET", path: "/billing/payments" },
  { method: "GET", path: "/billing/invoices/:id" },
  { method: "GET", path: "/billing/invoices/:id/pdf" },
  { method: "POST", path: "/billing/midtrans/notification" },
  { method: "POST", path: "/billing/downgrade" },
  { method: "DELETE", path: "/billing/downgrade" },
  { method: "GET", path: "/signup" },
  { method: "POST", path: "/signup" },
];

/** Routes that need no session. */
export const PUBLIC_ROUTES: readonly string[] = [
  "POST /auth/sign-in",
  "POST /auth/sign-out",
  "GET /auth/session",
  "POST /billing/midtrans/notification",
  "GET /signup",
  "POST /signup",
];

/**
 * The platform console's routes (issue 14, SaaS mode): apart from API_ROUTES because no shop
 * session, role or API key opens them (test/platform-saas.test.ts proves both directions);
 * `apiRoutesFromOpenApi` sees them too.
 */
export const PLATFORM_ROUTES: readonly RouteSpec[] = [
  { method: "POST", path: "/platform/auth/sign-in" },
  { method: "POST", path: "/platform/auth/sign-out" },
  { method: "GET", path: "/platform/auth/me" },
  { method: "GET", path: "/platform/shops" },
  { method: "POST", path: "/platform/shops/:id/suspend" },
  { method: "POST", path: "/platform/shops/:id/resume" },
  { method: "POST", path: "/platform/shops/:id/package" },
  { method: "GET", path: "/platform/packages" },
  { method: "POST", path: "/platform/packages" },
  { method: "PATCH", path: "/platform/packages/:id" },
  { method: "GET", path: "/platform/topup-packs" },
  { method: "POST", path: "/platform/topup-packs" },
  { method: "PATCH", path: "/platform/topup-packs/:id" },
  { method: "GET", path: "/platform/payments" },
  { method: "GET", path: "/platform/totals" },
];

/** `METHOD /path` of every /api/v1 route the app serves, read from its OpenAPI document. */
export function apiRoutesFromOpenApi(app: App): string[] {
  const doc = app.swagger() as { paths?: Record<string, Record<string, unknown>> };
  const out: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith("/api/v1/")) continue;
    for (const method of Object.keys(ops)) {
      out.push(`${method.toUpperCase()} ${path.slice("/api/v1".length).replace(/\{(\w+)\}/g, ":$1")}`);
    }
  }
  return out.sort();
}

/** A route's path with its parameters filled in (`:messageId` takes `id` too unless given). */
export function fillPath(
  path: string,
  params: { id?: string; messageId?: string; deliveryId?: string; phone?: string },
): string {
  return path
    .replace(":id", params.id ?? "00000000-0000-4000-8000-000000000000")
    .replace(":messageId", params.messageId ?? params.id ?? "00000000-0000-4000-8000-000000000000")
    .replace(":deliveryId", params.deliveryId ?? params.id ?? "00000000-0000-4000-8000-000000000000")
    .replace(":phone", encodeURIComponent(params.phone ?? "+6281100000099"));
}

/** `METHOD /path` of a RouteSpec. */
export const routeKey = (r: RouteSpec): string => `${r.method} ${r.path}`;

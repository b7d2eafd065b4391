/**
 * The permission each /api/v1 route needs (issue 13), checked by the auth hook before the
 * body is read, so a caller without it hears 403 `forbidden` whatever it sent. The service
 * verbs check again (src/lib/actor.ts `requirePermission`): HTTP, sockets, the CLI and jobs
 * obey the same rules; this table makes the HTTP answer early and uniform. Values:
 * - a permission key: the caller must hold it;
 * - a list: any one of them (the service decides the rest, e.g. assigning a conversation);
 * - `signedIn`: any signed-in person (their own session, presence, notifications).
 * Public routes (`config.public`) are not listed. A route missing from this table stops the
 * app from starting (`assertRoutePermissions`), so a new route cannot skip the check;
 * test/permission-matrix.test.ts proves the table route by route for every built-in role.
 */
import type { Permission } from "../lib/permissions.js";

/** The platform console's routes (issue 14): only a platform admin's session opens them. */
export const PLATFORM_PREFIX = "/api/v1/platform/";

/** Any signed-in person. */
export const SIGNED_IN = "signedIn";

/** Reading conversations: all of them, or those assigned to oneself (the service narrows). */
const INBOX_READ = ["inbox.view_all", "inbox.view_assigned"] as const;

/** What a route needs: see the file header. */
type RouteNeed = Permission | readonly Permission[] | typeof SIGNED_IN;

/** `METHOD /path` (path under /api/v1, Fastify's `:param` form) → what it needs. */
const ROUTE_PERMISSIONS: Record<string, RouteNeed> = {
  "GET /auth/me": SIGNED_IN,
  "POST /auth/password": SIGNED_IN,
  "POST /auth/sign-out-everywhere": SIGNED_IN,
  "GET /tenant": SIGNED_IN,
  "POST /billing/downgrade": "billing.manage",
  "DELETE /billing/downgrade": "billing.manage",
  "PATCH /tenant": "settings.update",
  "GET /users": "users.read",
  "POST /users": "users.create",
  "PATCH /users/:id": "users.update",
  "GET /roles": "roles.read",
  "POST /roles": "roles.create",
  "GET /roles/:id": "roles.read",
  "PATCH /roles/:id": "roles.update",
  "DELETE /roles/:id": "roles.delete",
  "GET /outlets": "outlets.read",
  "POST /outlets": "outlets.manage",
  "GET /outlets/:id": "outlets.read",
  "PATCH /outlets/:id": "outlets.manage",
  "DELETE /outlets/:id": "outlets.manage",
  "POST /api-keys": "api_keys.create",
  "GET /api-keys": "api_keys.read",
  "DELETE /api-keys/:id": "api_keys.revoke",
  "POST /webhook-endpoints": "webhooks.create",
  "GET /webhook-endpoints": "webhooks.read",
  "PATCH /webhook-endpoints/:id": "webhooks.update",
  "DELETE /webhook-endpoints/:id": "webhooks.delete",
  "POST /webhook-endpoints/:id/rotate-secret": "webhooks.update",
  "POST /webhook-endpoints/:id/test": "webhooks.update",
  "GET /webhook-endpoints/:id/deliveries": "webhooks.read",
  "POST /webhook-endpoints/:id/deliveries/:deliveryId/redeliver": "webhooks.update",
  "GET /channels": "channels.read",
  "GET /channels/pacing-presets": "channels.read",
  "GET /channels/health": "channels.read",
  "POST /channels": "channels.manage",
  "GET /channels/:id": "channels.read",
  "PATCH /channels/:id": "channels.manage",
  "POST /channels/:id/connect": "channels.connect",
  "POST /channels/:id/disconnect": "channels.connect",
  "POST /channels/:id/logout": "channels.connect",
  "POST /channels/:id/pairing-code": "channels.connect",
  "POST /channels/:id/wa-templates/sync": "channels.manage",
  "GET /channels/:id/wa-templates": "channels.read",
  "POST /channels/:id/wa-templates": "channels.manage",
  "DELETE /channels/:id/wa-templates/:name": "channels.manage",
  "GET /channels/:id/health": "channels.read",
  "GET /channels/:id/link": "channels.connect",
  "GET /channels/:id/agents": "channels.read",
  "PUT /channels/:id/agents": "channels.manage",
  "GET /contacts": "contacts.read",
  "POST /contacts": "contacts.create",
  "GET /contacts/labels": "contacts.read",
  "GET /contacts/attributes": "contacts.read",
  "GET /contacts/export": "contacts.export",
  "GET /contacts/:id": "contacts.read",
  "GET /contacts/:id/history": "contacts.read",
  "GET /contacts/:id/rfm": "contacts.read",
  "PATCH /contacts/:id": "contacts.update",
  "DELETE /contacts/:id": "contacts.delete",
  "POST /contacts/bulk-delete": "contacts.delete",
  "POST /contacts/bulk-label": "contacts.update",
  "POST /contacts/imports": "contacts.import",
  "POST /contacts/imports/preview": "contacts.import",
  "POST /contacts/imports/preview/rows": "contacts.import",
  "GET /contacts/imports": "contacts.read",
  "GET /contacts/imports/:id": "contacts.read",
  "GET /contacts/imports/:id/errors": "contacts.read",
  "GET /products": "products.read",
  "POST /products": "products.create",
  "GET /products/categories": "products.read",
  "GET /products/export": "products.export",
  "POST /products/imports": "products.import",
  "POST /products/images": "products.create",
  "GET /products/:id": "products.read",
  "PATCH /products/:id": "products.update",
  "DELETE /products/:id": "products.delete",
  "GET /templates": "templates.read",
  "POST /templates": "templates.create",
  "POST /templates/preview": "templates.read",
  "POST /templates/media": "templates.create",
  "GET /media/:id": SIGNED_IN,
  "GET /templates/:id": "templates.read",
  "PUT /templates/:id": "templates.update",
  "DELETE /templates/:id": "templates.delete",
  "GET /campaigns": "campaigns.read",
  "POST /campaigns": "campaigns.create",
  "GET /campaigns/:id": "campaigns.read",
  "PATCH /campaigns/:id": "campaigns.create",
  "POST /campaigns/:id/start": "campaigns.start",
  "POST /campaigns/:id/schedule": "campaigns.start",
  "POST /campaigns/:id/pause": "campaigns.start",
  "POST /campaigns/:id/resume": "campaigns.start",
  "POST /campaigns/:id/cancel": "campaigns.cancel",
  "POST /campaigns/:id/retry-failed": "campaigns.start",
  "POST /campaigns/:id/resend-drops": "campaigns.start",
  "GET /campaigns/:id/recipients": "campaigns.read",
  "POST /campaigns/estimate": "campaigns.read",
  "GET /campaigns/:id/report": "campaigns.read",
  "GET /stats/overview": "reports.read",
  "GET /conversations": INBOX_READ,
  "GET /conversations/:id": INBOX_READ,
  "GET /conversations/:id/messages": INBOX_READ,
  "GET /conversations/:id/messages/:messageId/media": INBOX_READ,
  "POST /conversations/:id/messages": "inbox.reply",
  "POST /conversations/:id/media": "inbox.reply",
  "POST /conversations/:id/read": "inbox.reply",
  "POST /conversations/:id/resolve": "inbox.reply",
  "POST /conversations/:id/reopen": "inbox.reply",
  "POST /conversations/:id/snooze": "inbox.reply",
  "PUT /conversations/:id/labels": "inbox.reply",
  "GET /conversations/:id/notes": "inbox.notes",
  "POST /conversations/:id/notes": "inbox.notes",
  "POST /conversations/:id/assign": "inbox.reply",
  "GET /quick-replies": "inbox.reply",
  "POST /quick-replies": "inbox.reply",
  "PUT /quick-replies/:id": "inbox.reply",
  "DELETE /quick-replies/:id": "inbox.reply",
  "POST /quick-replies/:id/render": "inbox.reply",
  "GET /agents": SIGNED_IN,
  "PUT /agents/me/presence": SIGNED_IN,
  "PATCH /agents/:id": "users.update",
  "GET /notifications": SIGNED_IN,
  "POST /notifications/read-all": SIGNED_IN,
  "POST /notifications/:id/read": SIGNED_IN,
  "GET /sandbox/phones": "channels.read",
  "GET /sandbox/phones/:phone/messages": "channels.read",
  "POST /sandbox/phones/:phone/messages": "inbox.reply",
  "POST /sandbox/channels/:id/scan": "channels.connect",
  "POST /sandbox/channels/:id/faults": "channels.manage",
  "GET /automation/rules": "automation.read",
  "POST /automation/rules": "automation.create",
  "GET /automation/rules/:id": "automation.read",
  "PATCH /automation/rules/:id": "automation.update",
  "DELETE /automation/rules/:id": "automation.delete",
  "GET /automation/rules/:id/log": "automation.read",
  "POST /automation/test": "automation.read",
  "GET /provinces": SIGNED_IN,
  "GET /orders": "orders.read",
  "GET /orders/export": "orders.export",
  "POST /orders": "orders.create",
  "GET /orders/:id": "orders.read",
  "PATCH /orders/:id": "orders.update",
  "POST /orders/:id/status": "orders.status",
  "GET /orders/:id/messages": "orders.read",
  "GET /orders/:id/cod": "orders.read",
  "GET /order-messages/settings": "settings.read",
  "PUT /order-messages/settings": "settings.update",
  "POST /order-messages/preview": "settings.read",
  "GET /reports/sales": "reports.read",
  "GET /reports/summary": "reports.read",
  "GET /reports/today": "reports.read",
  "GET /reports/export": "reports.export",
  "GET /segments": "contacts.read",
  "POST /segments/refresh": "contacts.update",
  "PUT /segments/settings": "settings.update",
  "GET /reminders/preview": "campaigns.read",
  "GET /reminders/settings": "campaigns.read",
  "PUT /reminders/settings": "campaigns.create",
  "GET /audit": "audit.read",
  "GET /audit/export": "audit.read",
  "GET /audit/people": "audit.read",
  "GET /billing": "billing.read",
  "GET /billing/packages": "billing.read",
  "POST /billing/checkout": "billing.manage",
  "GET /billing/payments": "billing.read",
  "GET /billing/invoices/:id": "billing.read",
  "GET /billing/invoices/:id/pdf": "billing.read",
};

/** The need of a route (`routeUrl` as Fastify knows it, with the /api/v1 prefix), or undefined when it is not listed. */
export function routeNeed(method: string, routeUrl: string): RouteNeed | undefined {
  return ROUTE_PERMISSIONS[`${method} ${routeUrl.slice("/api/v1".length)}`];
}

/**
 * Fastify `onRoute` check: every /api/v1 route that is not public must be in
 * {@link ROUTE_PERMISSIONS}.
 * @throws Error at registration (the app does not start) naming the route
 */
export function assertRoutePermissions(route: { method: string | string[]; url: string; config?: unknown }) {
  if (!route.url.startsWith("/api/v1/")) return;
  if ((route.config as { public?: boolean } | undefined)?.public) return;
  // The platform console's routes take a platform admin's session, never a shop's permission (src/http/auth.ts).
  if (route.url.startsWith(PLATFORM_PREFIX)) return;
  for (const method of [route.method].flat()) {
    if (method === "HEAD" || method === "OPTIONS") continue;
    if (!routeNeed(method, route.url))
      throw new Error(`${method} ${route.url} has no entry in src/http/route-permissions.ts`);
  }
}

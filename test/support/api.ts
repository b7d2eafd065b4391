/**
 * Helpers for API tests: a small request client over `app.inject`, a hand-built
 * multipart body for contact uploads, extra tenants (extra users: test/support/factory.ts),
 * and the list of every /api/v1 route (checked against the OpenAPI document so it stays
 * complete).
 */
import type { HTTPMethods } from "fastify";
import type { App } from "../../src/http/types.js";
import type { ErrorBody } from "../../src/http/errors.js";
import { outlets, tenants } from "../../src/db/schema/index.js";
import type { ChannelDto } from "../../src/modules/channels/schemas.js";
import type { ImportSummary } from "../../src/modules/contacts/imports.js";
import type { ContactDto } from "../../src/modules/contacts/schemas.js";
import { expect } from "vitest";
import { factory } from "./factory.js";
import type { TestKabar } from "./kabar.js";
import { waitFor } from "./wait.js";

export type { ErrorBody };

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The origin of `app.inject` requests (light-my-request sends `Host: localhost:80`): what Kabar's own pages would send as Origin. */
export const SAME_ORIGIN = "http://localhost";

/** An answer: status, parsed JSON body (or the raw text when not JSON), headers. */
export interface Reply<T> {
  status: number;
  body: T;
  text: string;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface RequestOptions {
  /** Extra headers (override the session and content type). */
  headers?: Record<string, string>;
}

/** How a client proves its session: the cookie header, a bearer token, or nothing. */
type Auth = { cookie: string } | { bearer: string } | null;

/**
 * A request function bound to one app and one session. `path` is under /api/v1. An object
 * payload is sent as JSON; a string or Buffer is sent as is (set the content type in
 * `opts.headers`).
 */
export type Api = <T = unknown>(
  method: Method,
  path: string,
  payload?: unknown,
  opts?: RequestOptions,
) => Promise<Reply<T>>;

export function apiClient(app: App, auth: Auth): Api {
  return async <T>(
    method: Method,
    path: string,
    payload?: unknown,
    opts: RequestOptions = {},
  ): Promise<Reply<T>> => {
    const headers: Record<string, string> = {};
    if (auth && "cookie" in auth) {
      headers.cookie = auth.cookie;
      // Like a browser page of Kabar: unsafe requests carry their origin (the forged-request guard checks it).
      if (method !== "GET") headers.origin = SAME_ORIGIN;
    }
    if (auth && "bearer" in auth) headers.authorization = `Bearer ${auth.bearer}`;
    const raw = typeof payload === "string" || Buffer.isBuffer(payload);
    if (payload !== undefined && !raw) headers["content-type"] = "application/json";
    Object.assign(headers, opts.headers);
    const r = await app.inject({
      method: method as HTTPMethods,
      url: `/api/v1${path}`,
      headers,
      ...(payload === undefined
        ? {}
        : { payload: raw ? (payload as string | Buffer) : JSON.stringify(payload) }),
    });
    let body: unknown = r.body;
    if (String(r.headers["content-type"] ?? "").includes("json") && r.body) body = JSON.parse(r.body);
    return { status: r.statusCode, body: body as T, text: r.body, headers: r.headers };
  };
}

/** The `error` (code, message, fields) of an error answer. */
export function errorOf(r: Reply<unknown>): ErrorBody["error"] {
  return (r.body as ErrorBody).error;
}

/** The body of an answer, after asserting its status (the body is shown when it differs). */
export async function ok<T>(p: Promise<Reply<T>>, status = 200): Promise<T> {
  const r = await p;
  expect(r.status, r.text).toBe(status);
  return r.body;
}

/** A page of GET /contacts. */
/** A row an import rejected, as GET /contacts/imports/:id/errors lists it. */
export interface RejectedRow {
  line: number;
  reason: string;
  raw: string | null;
}

export interface ContactPage {
  items: ContactDto[];
  total: number;
  page: number;
  pageSize: number;
}

/** Waits until a channel reports `connected`. */
export async function untilConnected(api: Api, channelId: string): Promise<void> {
  await waitFor(async () =>
    (await api<ChannelDto>("GET", `/channels/${channelId}`)).body.status === "connected" ? true : undefined,
  );
}

/** One part of a multipart/form-data body. */
interface FormPart {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body built by hand, with its content-type header. */
export function multipartBody(parts: FormPart[]): { payload: Buffer; headers: { "content-type": string } } {
  const boundary = `----kabar-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.filename !== undefined ? `Content-Type: ${p.contentType ?? "text/csv"}\r\n` : ""}\r\n`;
    chunks.push(
      Buffer.from(head),
      Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * Uploads a contact file through POST /contacts/imports as multipart field "file".
 * @param query e.g. `{ labels: 'a,b', format: 'google' }`
 */
export async function uploadContacts(
  api: Api,
  filename: string,
  content: string | Buffer,
  query: Record<string, string> = {},
): Promise<Reply<ImportSummary>> {
  const { payload, headers } = multipartBody([{ name: "file", filename, value: content }]);
  const qs = new URLSearchParams(query).toString();
  return api<ImportSummary>("POST", `/contacts/imports${qs ? `?${qs}` : ""}`, payload, { headers });
}

/**
 * Signs in through the API. Each call comes from its own client address unless one is
 * given, so the sign-in rate limit (per address) only bites where a test means it to.
 * A user added by staff holds a temporary password: unless `keepTemporary`, the helper
 * then changes it (to the same one), as the person does on the forced-change screen, so
 * the session can be used at once.
 */
export async function signIn(
  app: App,
  email: string,
  password: string,
  opts: { remoteAddress?: string; headers?: Record<string, string>; keepTemporary?: boolean } = {},
): Promise<{ status: number; cookie: string; token: string; setCookie: string; body: unknown }> {
  const remoteAddress = opts.remoteAddress ?? `10.${octet()}.${octet()}.${octet()}`;
  const r = await app.inject({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    remoteAddress,
    headers: opts.headers,
    payload: { email, password },
  });
  const setCookie = String(r.headers["set-cookie"] ?? "");
  const body = r.json() as { token?: string; user?: { mustChangePassword?: boolean } };
  if (body.user?.mustChangePassword && !opts.keepTemporary) {
    const changed = await app.inject({
      method: "POST",
      url: "/api/v1/auth/password",
      headers: { authorization: `Bearer ${body.token}` },
      payload: { currentPassword: password, newPassword: password },
    });
    if (changed.statusCode !== 204) throw new Error(`changing the temporary password: ${changed.body}`);
    body.user.mustChangePassword = false;
  }
  return { status: r.statusCode, cookie: setCookie.split(";")[0]!, token: body.token ?? "", setCookie, body };
}

const octet = () => Math.floor(Math.random() * 254) + 1;

/** A second shop with its own owner, signed in through the API. */
export async function addTenant(
  k: TestKabar,
  name: string,
  email: string,
  password: string,
): Promise<{ tenantId: string; userId: string; api: Api; cookie: string }> {
  const [t] = await k.database.db.insert(tenants).values({ name }).returning({ id: tenants.id });
  // A new shop has its first outlet, named after it (issue 13).
  await k.database.db.insert(outlets).values({ tenantId: t!.id, name });
  const { id: userId } = await factory(k, t!.id).user("owner", { email, password });
  const { cookie } = await signIn(k.http!, email, password);
  return { tenantId: t!.id, userId, api: apiClient(k.http!, { cookie }), cookie };
}

/** One /api/v1 route; `:id`, `:messageId` and `:phone` are path parameters. */
interface RouteSpec {
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
];

/** Routes that need no session. */
export const PUBLIC_ROUTES: readonly string[] = [
  "POST /auth/sign-in",
  "POST /auth/sign-out",
  "GET /auth/session",
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

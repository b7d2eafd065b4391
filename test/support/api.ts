/**
 * Helpers for API tests: a small request client over `app.inject`, a hand-built
 * multipart body for contact uploads, extra tenants (extra users: test/support/factory.ts).
 * The list of every /api/v1 route is test/support/routes.ts.
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

/**
 * The HTTP layer's part of the audit log (issue 13): every request runs in a request
 * context (src/lib/request-context.ts) holding its IP and user agent, and a safety net
 * records a generic entry for any successful write no service recorded itself, so no
 * write route can skip the log (test/audit-coverage.test.ts proves it route by route).
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import type { AuditService } from "../modules/audit/index.js";
import { requestContext, withRequestContext } from "../lib/request-context.js";
import { routeNeed, SIGNED_IN } from "./route-permissions.js";

/** Longest user agent kept, characters. */
const MAX_USER_AGENT = 500;

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * POST routes that change nothing (previews, estimates, dry runs): they leave no entry.
 * `METHOD /path` under /api/v1, Fastify's `:param` form.
 */
export const DRY_RUN_ROUTES: ReadonlySet<string> = new Set([
  "POST /contacts/imports/preview",
  "POST /contacts/imports/preview/rows",
  "POST /templates/preview",
  "POST /campaigns/estimate",
  "POST /quick-replies/:id/render",
  "POST /automation/test",
  "POST /order-messages/preview",
]);

/** onRequest hook (registered first): the rest of the request runs in its own context. */
export function requestContextHook(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
  const ua = req.headers["user-agent"];
  withRequestContext({ source: "http", ip: req.ip, userAgent: ua?.slice(0, MAX_USER_AGENT) }, done);
}

const VERBS: Record<string, string> = { POST: "create", PUT: "replace", PATCH: "update", DELETE: "delete" };

/**
 * The generic entry's action for a route: its permission key (`products.update`); for a
 * route any signed-in person may use, its path's fixed words (`POST /notifications/:id/read`
 * is `notifications.read`), with the method's verb when that is a single word.
 */
function netAction(method: string, path: string): string {
  const need = routeNeed(method, `/api/v1${path}`);
  if (typeof need === "string" && need !== SIGNED_IN) return need;
  const words = path
    .split("/")
    .filter((s) => s && !s.startsWith(":"))
    .map((s) => s.replace(/-/g, "_"));
  return words.length > 1 ? words.join(".") : `${words[0]}.${VERBS[method] ?? method.toLowerCase()}`;
}

/**
 * onSend hook: a signed-in write under /api/v1 (not one of {@link DRY_RUN_ROUTES}) that answered 2xx and for which no service
 * recorded an entry gets a generic one: action from {@link netAction}, the target's type
 * from the path's first word and its id from `:id`, no changes. A failure to record is
 * logged, never turned into an error answer (the write is done).
 */
export function auditNetHook(audit: AuditService) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const url = req.routeOptions.url;
    if (READS.has(req.method) || !url?.startsWith("/api/v1/") || !req.actor) return payload;
    if (reply.statusCode < 200 || reply.statusCode > 299) return payload;
    const ctx = requestContext();
    if (!ctx || ctx.auditEntries > 0) return payload;
    const path = url.slice("/api/v1".length);
    if (DRY_RUN_ROUTES.has(`${req.method} ${path}`)) return payload;
    const id = (req.params as Record<string, string> | undefined)?.id ?? null;
    await audit
      .record(req.actor, {
        action: netAction(req.method, path),
        target: { type: path.split("/")[1]!, id },
      })
      .catch((err: unknown) => req.log.error({ err }, "could not record the audit entry of a write"));
    return payload;
  };
}

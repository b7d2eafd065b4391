import type { FastifyReply, FastifyRequest } from "fastify";
import { type Actor, requireAnyPermission } from "../lib/actor.js";
import { PLATFORM_PREFIX, routeNeed, SIGNED_IN } from "./route-permissions.js";
import { platformErrors, type PlatformAuth } from "../modules/platform/index.js";
import { commonErrors } from "../lib/common-errors.js";
import { routeModules } from "../lib/modules.js";
import { platformCookieValue, sessionCookieValue } from "../lib/session-cookie.js";
import { httpErrors } from "./error-catalogue.js";
import { authErrors, type AuthService, type SessionUser } from "../modules/auth/index.js";
import { apiKeyErrors, isApiKeyToken, type ApiKeyService } from "../modules/api-keys/index.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
    user: SessionUser;
    /** On /platform/* routes: the signed-in platform admin (src/modules/platform). */
    platformAdmin: { id: string; email: string; name: string };
  }
  interface FastifyContextConfig {
    /** Route needs no session (sign-in, health, docs). */
    public?: boolean;
    /**
     * Route that machine clients may call with an API key (`Authorization: Bearer kbr_…`).
     * Every other route answers a key with 403 `api_key_not_allowed`, so a key never opens
     * the web app's routes. A route that sets it must check the key's scope in its service
     * verb with `requireScope(actor, "…")` (src/lib/actor.ts) and must not read `req.user`
     * (a key has no user: `actor.userId` is null).
     */
    apiKey?: boolean;
  }
}

/** How the session cookie is set and which origins may send unsafe requests with it. */
interface CookiePolicy {
  /** The configured public origin (scheme://host[:port]), see `publicOrigin` in src/config.ts. */
  publicOrigin: string;
  /** Always mark the cookie Secure (KABAR_COOKIE_SECURE). */
  cookieSecure: boolean;
}

/** The session token of a request: `Authorization: Bearer …` for API clients, or the cookie. */
export function sessionToken(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  return sessionCookieValue(req.cookies);
}

/**
 * Whether the session cookie of this request's answer is Secure (and named `__Host-…`):
 * always with KABAR_COOKIE_SECURE, when the public URL is https, or when the request came
 * over https (Fastify's `req.protocol` believes X-Forwarded-Proto only with trustProxy,
 * i.e. KABAR_TRUST_PROXY=true).
 */
export function secureCookie(req: FastifyRequest, policy: CookiePolicy): boolean {
  return policy.cookieSecure || policy.publicOrigin.startsWith("https:") || req.protocol === "https";
}

/** 403 `cross_origin_request`: an unsafe request signed in by cookie that does not prove it comes from Kabar's own pages. */
const crossOriginRequest = httpErrors.crossOriginRequest;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Public routes that set a session cookie: guarded like a request with one (a forged sign-in plants a session). */
const COOKIE_OPENING_ROUTES = new Set([
  "/api/v1/auth/sign-in",
  "/api/v1/platform/auth/sign-in",
  "/api/v1/signup",
]);

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Forged-request guard (issue 9 §4). An unsafe request (POST/PUT/PATCH/DELETE) to /api/
 * that carries a session cookie, and sign-in itself, must come from Kabar's own origin:
 * `Origin` (or, when a browser left it out, the origin of `Referer`) must equal either
 * - the configured public origin (KABAR_PUBLIC_URL, default the listen address), or
 * - the origin of the address the request was sent to (scheme + Host header).
 * The second is safe: a browser sets Host to the server it talks to and sends that host's
 * cookies only, so a page of another origin (another port of the same host included) can
 * never make Origin equal the target; DNS rebinding gives a matching Origin but then the
 * browser holds no Kabar cookie for that name. It lets Kabar work at a LAN address or a
 * second name without configuration. Behind a proxy that rewrites Host, set KABAR_PUBLIC_URL.
 * Without Origin and Referer, a request with a cookie is refused (browsers always send
 * Origin on unsafe requests; scripts use an API key). `Authorization: Bearer` requests are
 * exempt: another site cannot make a browser attach that header.
 * @throws KabarError 403 `cross_origin_request`
 */
function assertSameOrigin(req: FastifyRequest, publicOrigin: string): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (req.headers.authorization?.startsWith("Bearer ")) return;
  const withCookie =
    sessionCookieValue(req.cookies) !== undefined || platformCookieValue(req.cookies) !== undefined;
  const signIn = COOKIE_OPENING_ROUTES.has(req.routeOptions.url ?? "");
  if (!withCookie && !signIn) return;
  const origin =
    req.headers.origin !== undefined ? originOf(req.headers.origin) : originOf(req.headers.referer);
  if (origin === null) {
    // Sign-in without a cookie and without Origin/Referer: a script, not a browser page.
    if (!withCookie && req.headers.origin === undefined && req.headers.referer === undefined) return;
    throw crossOriginRequest();
  }
  if (origin === publicOrigin || origin === originOf(`${req.protocol}://${req.host}`)) return;
  throw crossOriginRequest();
}

/** The per-key rate limit of API keys: whether this request (its actor holds the key) may go on. */
type ApiKeyLimiter = (
  req: FastifyRequest,
) => Promise<
  | { isAllowed: true }
  | { isAllowed: false; isExceeded: boolean; max: number; remaining: number; ttlInSeconds: number }
>;

/**
 * A request with an API key: the key must work (else 401), the route must accept keys
 * (`config.apiKey`, else 403 `api_key_not_allowed`), and the key must stay within its rate
 * on those routes (else 429 `api_key_rate_limited` with Retry-After); every answer to a key
 * says what is left of the minute (`X-RateLimit-Limit`, `-Remaining`, `-Reset` in seconds).
 */
async function authenticateApiKey(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  apiKeys: ApiKeyService,
  limit: ApiKeyLimiter,
): Promise<void> {
  const actor = await apiKeys.authenticate(token);
  if (!actor) throw commonErrors.unauthenticated();
  if (!req.routeOptions.config?.apiKey) throw apiKeyErrors.notAllowed();
  req.actor = actor;
  const verdict = await limit(req);
  if (verdict.isAllowed) return;
  // What is left of this minute's requests, so a client can slow down before a 429.
  void reply.headers({
    "x-ratelimit-limit": String(verdict.max),
    "x-ratelimit-remaining": String(verdict.remaining),
    "x-ratelimit-reset": String(verdict.ttlInSeconds),
  });
  if (verdict.isExceeded) {
    void reply.header("retry-after", String(verdict.ttlInSeconds));
    throw apiKeyErrors.rateLimited({ max: verdict.max, retryAfterSeconds: verdict.ttlInSeconds });
  }
}

/**
 * The route's module switches (src/lib/modules.ts, from its path and declared permission)
 * and its permission (src/http/route-permissions.ts), before the body is read.
 * @throws KabarError 403 `module_disabled` naming the module, 403 `forbidden`
 */
function checkRouteNeed(req: FastifyRequest): void {
  const url = req.routeOptions.url ?? "";
  const need = routeNeed(req.method === "HEAD" ? "GET" : req.method, url);
  if (need === undefined) throw commonErrors.forbidden();
  const off = req.actor.disabledModules;
  if (off?.size) {
    const module = routeModules(url.slice("/api/v1".length), need === SIGNED_IN ? undefined : need).find(
      (m) => off.has(m),
    );
    if (module) throw commonErrors.moduleDisabled({ module });
  }
  if (need === SIGNED_IN) return;
  requireAnyPermission(req.actor, typeof need === "string" ? [need] : need);
}

/**
 * The signed-in routes a user with a temporary password may call (sign-out and session are
 * public): everything else answers 403 `password_change_required` until they change it.
 */
const TEMPORARY_PASSWORD_ROUTES = new Set([
  "POST /api/v1/auth/password",
  "POST /api/v1/auth/sign-out-everywhere",
]);

/**
 * onRequest hook: every /api/v1 route first passes the forged-request guard
 * (`assertSameOrigin`); every route except those marked `config.public` then needs a valid
 * session or API key (`Bearer kbr_…`, only on routes marked `config.apiKey`), and the
 * request carries the actor whose tenant scopes every query; the actor must hold the
 * route's permission (`checkRouteNeed`). A user with a temporary password reaches only
 * `TEMPORARY_PASSWORD_ROUTES` (403 `password_change_required` elsewhere).
 *
 * The platform console's routes (/api/v1/platform/*, issue 14) are apart: they read only the
 * platform cookie (`kabar_platform`) and answer 401 `platform_session_required` to anything
 * else — a shop's session, an API key, a Bearer token; every other route reads only the
 * shop's cookie or Bearer token, so a platform session never opens a shop's route.
 */
export function authHook(
  auth: AuthService,
  apiKeys: ApiKeyService,
  limitApiKey: ApiKeyLimiter,
  policy: Pick<CookiePolicy, "publicOrigin">,
  platformAuth?: Pick<PlatformAuth, "authenticate">,
) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    // Decide on the route the router matched (its decoded pattern), never on the raw URL:
    // '/%61pi/v1/…' reaches the same handlers as '/api/v1/…'.
    const route = req.routeOptions.url;
    if (!route?.startsWith("/api/")) return;
    assertSameOrigin(req, policy.publicOrigin);
    if (req.routeOptions.config?.public) return;
    if (route.startsWith(PLATFORM_PREFIX)) {
      const platformToken = platformCookieValue(req.cookies);
      const admin = platformToken && platformAuth ? await platformAuth.authenticate(platformToken) : null;
      if (!admin) throw platformErrors.sessionRequired();
      req.platformAdmin = admin;
      return;
    }
    const token = sessionToken(req);
    if (token && isApiKeyToken(token)) {
      await authenticateApiKey(req, reply, token, apiKeys, limitApiKey);
      return checkRouteNeed(req);
    }
    const session = token ? await auth.authenticate(token) : null;
    if (!session) throw commonErrors.unauthenticated();
    req.actor = session.actor;
    req.user = session.user;
    if (session.user.mustChangePassword && !TEMPORARY_PASSWORD_ROUTES.has(`${req.method} ${route}`))
      throw authErrors.passwordChangeRequired();
    checkRouteNeed(req);
  };
}

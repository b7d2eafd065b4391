import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../lib/actor.js';
import { unauthenticated } from '../lib/errors.js';
import type { AuthService, SessionUser } from '../modules/auth/service.js';

/** Name of the session cookie (HttpOnly, SameSite=Lax). */
export const SESSION_COOKIE = 'kabar_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    user: SessionUser;
  }
  interface FastifyContextConfig {
    /** Route needs no session (sign-in, health, docs). */
    public?: boolean;
  }
}

/** The session token of a request: the cookie, or `Authorization: Bearer …` for API clients. */
export function sessionToken(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return req.cookies[SESSION_COOKIE];
}

/**
 * onRequest hook: every /api/v1 route except those marked `config.public` needs a valid
 * session; the request then carries the actor whose tenant scopes every query.
 */
export function authHook(auth: AuthService) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    // Decide on the route the router matched (its decoded pattern), never on the raw URL:
    // '/%61pi/v1/…' reaches the same handlers as '/api/v1/…'.
    const route = req.routeOptions.url;
    if (!route?.startsWith('/api/') || req.routeOptions.config?.public) return;
    const token = sessionToken(req);
    const session = token ? await auth.authenticate(token) : null;
    if (!session) throw unauthenticated();
    req.actor = session.actor;
    req.user = session.user;
  };
}

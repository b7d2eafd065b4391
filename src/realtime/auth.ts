import { fastifyCookie } from "@fastify/cookie";
import type { IncomingMessage } from "node:http";
import type { Socket } from "socket.io";
import { sessionCookieValue } from "../lib/session-cookie.js";
import type { AuthService } from "../modules/auth/index.js";
import { isApiKeyToken } from "../modules/api-keys/index.js";

/**
 * The session token of a Socket.IO handshake: the session cookie (browsers), or
 * `auth: { token }` in the handshake (API clients, like `Authorization: Bearer`).
 */
function handshakeToken(socket: Pick<Socket, "handshake">): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === "string" && fromAuth) return fromAuth;
  const header = socket.handshake.headers.cookie;
  return header ? sessionCookieValue(fastifyCookie.parse(header)) : undefined;
}

/**
 * Refuses cross-site handshakes: a browser page of another origin (another site, or this
 * host at another port) must not open a socket with the user's cookie. The origin must be
 * Kabar's public one (`publicOrigin`, KABAR_PUBLIC_URL: behind a proxy that rewrites Host)
 * or name the host and port the handshake was sent to, as for HTTP (src/http/auth.ts
 * `assertSameOrigin`). Handshakes without an Origin header (non-browser clients, which
 * authenticate with `auth.token`) pass.
 */
export function sameOrigin(req: IncomingMessage, publicOrigin?: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    const u = new URL(origin);
    return u.origin === publicOrigin || u.host === req.headers.host;
  } catch {
    return false;
  }
}

/** Socket.IO middleware: authenticates the handshake with the same sessions as HTTP; an API key, and a user who must change a temporary password, are refused. */
export function socketAuth(auth: AuthService) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    const token = handshakeToken(socket);
    const refuse = () =>
      next(Object.assign(new Error("unauthenticated"), { data: { code: "unauthenticated" } }));
    // An API key (kbr_…) never opens a socket: sockets are the web app's, for people.
    if (!token || isApiKeyToken(token)) {
      refuse();
      return;
    }
    auth.authenticate(token).then(
      (session) => {
        // A temporary password must be changed first (as HTTP answers 403 `password_change_required`).
        if (!session || session.user.mustChangePassword) return refuse();
        socket.data.tenantId = session.actor.tenantId;
        socket.data.userId = session.user.id;
        socket.data.role = session.actor.role;
        socket.data.roleId = session.user.roleId;
        socket.data.permissions = session.user.permissions;
        socket.data.sessionKey = session.session.key;
        socket.data.sessionExpiresAt = session.session.expiresAt.getTime();
        socket.data.outletIds = session.actor.outletIds ?? null;
        next();
      },
      (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
    );
  };
}

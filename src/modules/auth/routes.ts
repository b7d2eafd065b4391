import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { SignInLockedError } from "./throttle.js";
import { secureCookie, sessionToken } from "../../http/auth.js";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "../../lib/session-cookie.js";
import { userSchema } from "./schemas.js";
/** POST /auth/sign-in's body (`SignInInput` in the web app's generated types). */
const signInBody = z.object({ email: z.email(), password: z.string().min(1).max(200) });
z.globalRegistry.add(signInBody, { id: "SignIn" });

/** POST /auth/sign-in, POST /auth/sign-out, POST /auth/sign-out-everywhere, GET /auth/me, GET /auth/session */
export function authRoutes(
  app: App,
  { services, cookieSecure, publicOrigin, signInPerMinute }: HttpOptions,
): void {
  const policy = { cookieSecure, publicOrigin: publicOrigin ?? "http://127.0.0.1:3000" };
  app.post(
    "/auth/sign-in",
    {
      config: { public: true, rateLimit: { max: signInPerMinute ?? 10, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        security: [],
        body: signInBody,
        response: { 200: z.object({ user: userSchema, token: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req, reply) => {
      const { token, expiresAt, user } = await services.auth
        .signIn(req.body.email, req.body.password)
        .catch((err: unknown) => {
          if (err instanceof SignInLockedError)
            void reply.header("retry-after", String(err.retryAfterSeconds));
          throw err;
        });
      // Over https the cookie is Secure and `__Host-`-prefixed; a plain one left from before is cleared.
      if (secureCookie(req, policy)) {
        void reply.setCookie(SECURE_SESSION_COOKIE, token, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          secure: true,
          expires: expiresAt,
        });
        if (req.cookies[SESSION_COOKIE] !== undefined) void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      } else {
        void reply.setCookie(SESSION_COOKIE, token, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          secure: false,
          expires: expiresAt,
        });
      }
      return { user, token, expiresAt: expiresAt.toISOString() };
    },
  );
  app.post(
    "/auth/sign-out",
    { config: { public: true }, schema: { tags: ["auth"], response: { 204: z.null() } } },
    async (req, reply) => {
      const token = sessionToken(req);
      if (token) await services.auth.signOut(token);
      void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      if (req.cookies[SECURE_SESSION_COOKIE] !== undefined || secureCookie(req, policy))
        void reply.clearCookie(SECURE_SESSION_COOKIE, { path: "/", secure: true });
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/auth/sign-out-everywhere",
    {
      schema: {
        tags: ["auth"],
        description: "Ends every session of the caller (this one too) and closes their sockets.",
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await services.auth.endSessionsOf(req.user.id);
      void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      if (req.cookies[SECURE_SESSION_COOKIE] !== undefined || secureCookie(req, policy))
        void reply.clearCookie(SECURE_SESSION_COOKIE, { path: "/", secure: true });
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/auth/me",
    { schema: { tags: ["auth"], response: { 200: z.object({ user: userSchema }) } } },
    async (req) => ({ user: req.user }),
  );
  // The web app asks this before it knows whether anyone is signed in: "nobody" is an
  // answer (200, user null), not an error, so a first visit logs no failed request.
  app.get(
    "/auth/session",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        security: [],
        description: "Who is signed in with this request's session: the user, or null when nobody is.",
        response: { 200: z.object({ user: userSchema.nullable() }) },
      },
    },
    async (req) => {
      const token = sessionToken(req);
      const session = token ? await services.auth.authenticate(token) : null;
      return { user: session?.user ?? null };
    },
  );
}

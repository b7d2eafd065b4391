import { z } from 'zod';
import type { App, HttpOptions } from '../../http/app.js';
import { SESSION_COOKIE, sessionToken } from '../../http/auth.js';

const userSchema = z.object({ id: z.uuid(), tenantId: z.uuid(), email: z.string(), name: z.string(), role: z.enum(['owner', 'agent']) });

/** POST /auth/sign-in, POST /auth/sign-out, GET /auth/me */
export function authRoutes(app: App, { services, cookieSecure }: HttpOptions): void {
  app.post(
    '/auth/sign-in',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        security: [],
        body: z.object({ email: z.email(), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ user: userSchema, token: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req, reply) => {
      const { token, expiresAt, user } = await services.auth.signIn(req.body.email, req.body.password);
      void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure, expires: expiresAt });
      return { user, token, expiresAt: expiresAt.toISOString() };
    },
  );
  app.post('/auth/sign-out', { config: { public: true }, schema: { tags: ['auth'], response: { 204: z.null() } } }, async (req, reply) => {
    const token = sessionToken(req);
    if (token) await services.auth.signOut(token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });
  app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: z.object({ user: userSchema }) } } }, async (req) => ({ user: req.user }));
}

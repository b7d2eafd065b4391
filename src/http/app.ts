import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Services } from '../services.js';
import { authHook } from './auth.js';
import { errorHandler } from './errors.js';
import { registerRoutes } from './routes.js';
import { registerWeb } from './static.js';
import { webhookRoutes, type WebhookRouteDeps } from '../modules/webhooks/routes.js';

export interface HttpOptions {
  services: Services;
  logger: Logger;
  cookieSecure: boolean;
  sessionTtlHours: number;
  /** Largest accepted upload (contact files), bytes. */
  maxUploadBytes?: number;
  /** Folder of the built web app (default dist/web). */
  webRoot?: string;
  /** Cloud API webhooks (/webhooks/cloud-api/:channelId): verified on the raw body, then queued. */
  webhooks?: WebhookRouteDeps;
}

/** Typed Fastify instance with the zod provider. */
export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

/**
 * Builds the HTTP API: /api/v1 (zod-validated, OpenAPI at /docs), cookie sessions,
 * helmet headers, a rate limit on sign-in, and one error mapping for everything; and the
 * web app (src/http/static.ts) on every other GET.
 */
export async function buildHttp(opts: HttpOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.logger,
    logController: new LogController({ disableRequestLogging: true }), // errors are logged by errorHandler
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(cookie);
  const web = await registerWeb(app, opts.webRoot);
  app.setNotFoundHandler((req, reply) => {
    if (web.fallback(req, reply)) return;
    void reply.status(404).send({ error: { code: 'route_not_found', message: `No route ${req.method} ${req.url}` } });
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: opts.maxUploadBytes ?? 200 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kabar API', version: '1', description: 'WhatsApp CRM and broadcast for UMKM' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kabar_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.addHook('onRequest', authHook(opts.services.auth));
  await app.register((api, _o, done) => {
    registerRoutes(api as App, opts);
    done();
  }, { prefix: '/api/v1' });
  if (opts.webhooks) await app.register(webhookRoutes, opts.webhooks);
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  return app;
}

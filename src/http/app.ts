import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { Services } from "../services.js";
import { authHook, sessionToken } from "./auth.js";
import { errorHandler } from "./errors.js";
import { registerSecurityHeaders } from "./headers.js";
import { unauthenticated } from "../lib/errors.js";
import { registerRoutes } from "./routes.js";
import { registerWeb } from "./static.js";
import { webhookRoutes, type WebhookRouteDeps } from "../modules/webhooks/routes.js";

export interface HttpOptions {
  services: Services;
  logger: Logger;
  /** Always mark the session cookie Secure (KABAR_COOKIE_SECURE); https requests get it anyway. */
  cookieSecure: boolean;
  sessionTtlHours: number;
  /** Kabar's public origin (scheme://host[:port]), see `publicOrigin` in src/config.ts. Default http://127.0.0.1:3000. */
  publicOrigin?: string;
  /** Believe X-Forwarded-Proto/-Host/-For from the proxy in front (KABAR_TRUST_PROXY). */
  trustProxy?: boolean;
  /** Who may read /docs (KABAR_API_DOCS); default `signed_in`. */
  apiDocs?: "public" | "signed_in" | "off";
  /** Sign-in attempts per minute from one client address (KABAR_SIGN_IN_PER_MINUTE); default 10. */
  signInPerMinute?: number;
  /** An upload that sends nothing for this long is refused with 408, ms (KABAR_UPLOAD_IDLE_MS); default 20 s. */
  uploadIdleMs?: number;
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
 * Builds the HTTP API: /api/v1 (zod-validated, OpenAPI at /docs unless KABAR_API_DOCS=off),
 * cookie sessions with the forged-request guard (src/http/auth.ts), security headers
 * (src/http/headers.ts), a rate limit on sign-in, and one error mapping for everything; and
 * the web app (src/http/static.ts) on every other GET.
 */
export async function buildHttp(input: HttpOptions): Promise<App> {
  const opts: HttpOptions & Required<Pick<HttpOptions, "publicOrigin" | "apiDocs" | "uploadIdleMs">> = {
    ...input,
    publicOrigin: input.publicOrigin ?? "http://127.0.0.1:3000",
    apiDocs: input.apiDocs ?? "signed_in",
    uploadIdleMs: input.uploadIdleMs ?? 20_000,
  };
  const app = Fastify({
    loggerInstance: opts.logger,
    logController: new LogController({ disableRequestLogging: true }), // errors are logged by errorHandler
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await registerSecurityHeaders(app, opts.publicOrigin);
  await app.register(cookie);
  const web = await registerWeb(app, opts.webRoot);
  app.setNotFoundHandler((req, reply) => {
    if (web.fallback(req, reply)) return;
    void reply
      .status(404)
      .send({ error: { code: "route_not_found", message: `No route ${req.method} ${req.url}` } });
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: opts.maxUploadBytes ?? 200 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: "Kabar API", version: "1", description: "WhatsApp CRM and broadcast for UMKM" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "kabar_session" } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    // zod schemas given an id (`z.globalRegistry.add(schema, { id })`) become named components (`X` as answered,
    // `XInput` as accepted), which the web app's generated types use (scripts/api-types.ts).
    transformObject: jsonSchemaTransformObject,
  });
  if (opts.apiDocs !== "off") {
    // signed_in: a session (cookie or Bearer) reads the docs; a browser without one is sent
    // to the sign-in page (the web app links /docs there), anything else gets 401.
    const signedIn = async (req: FastifyRequest, reply: FastifyReply) => {
      const token = sessionToken(req);
      if (token && (await opts.services.auth.authenticate(token))) return;
      if (req.method === "GET" && String(req.headers.accept ?? "").includes("text/html"))
        return reply.redirect("/sign-in");
      throw unauthenticated();
    };
    await app.register(swaggerUi, {
      routePrefix: "/docs",
      ...(opts.apiDocs === "signed_in" ? { uiHooks: { onRequest: signedIn } } : {}),
    });
  }
  app.addHook("onRequest", authHook(opts.services.auth, opts));
  await app.register(
    (api, _o, done) => {
      registerRoutes(api as App, opts);
      done();
    },
    { prefix: "/api/v1" },
  );
  if (opts.webhooks) await app.register(webhookRoutes, opts.webhooks);
  app.get("/healthz", { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  return app;
}

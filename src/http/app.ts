import Fastify, { LogController, type FastifyReply, type FastifyRequest } from "fastify";
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
import { auditNetHook, requestContextHook } from "./audit-net.js";
import { authHook, sessionToken } from "./auth.js";
import { assertRoutePermissions } from "./route-permissions.js";
import { httpErrors } from "./error-catalogue.js";
import { errorHandler, sendError } from "./errors.js";
import { registerSecurityHeaders } from "./headers.js";
import { commonErrors } from "../lib/common-errors.js";
import { registerRoutes, registerWebhookRoutes } from "./routes.js";
import type { App, HttpOptions } from "./types.js";
import { registerWeb } from "./static.js";

/**
 * The OpenAPI transform of every route: zod schemas to JSON Schema, and for an upload route
 * (`consumes: ["multipart/form-data"]`, read with `withUpload`, which takes no `body` schema
 * because the file is streamed) the multipart body it reads: one binary field "file".
 * Only the document changes; requests are still read by the route.
 */
const uploadBodyTransform: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const consumes = (input.schema as { consumes?: string[] } | undefined)?.consumes;
  if (!consumes?.includes("multipart/form-data")) return out;
  const file = { type: "string", format: "binary", description: "The file to upload" };
  return {
    ...out,
    schema: { ...out.schema, body: { type: "object", required: ["file"], properties: { file } } },
  };
};

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
    sendError(httpErrors.routeNotFound({ method: req.method, url: req.url }), req, reply);
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: opts.maxUploadBytes ?? 200 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: "Kabar API", version: "1", description: "WhatsApp CRM and broadcast for UMKM" },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "kabar_session" },
          // Only the routes that list it accept a key (`config.apiKey`, src/http/auth.ts).
          apiKey: {
            type: "http",
            scheme: "bearer",
            description: "An API key: `Authorization: Bearer kbr_live_…`",
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: uploadBodyTransform,
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
      throw commonErrors.unauthenticated();
    };
    await app.register(swaggerUi, {
      routePrefix: "/docs",
      ...(opts.apiDocs === "signed_in" ? { uiHooks: { onRequest: signedIn } } : {}),
    });
  }
  // One counter per API key (its id) across every route that accepts keys; per process.
  const limitApiKey = app.createRateLimit({
    max: opts.apiKeyRate ?? 600,
    timeWindow: 60_000,
    keyGenerator: (req) => `api-key:${req.actor.apiKey?.id}`,
  });
  // Every request runs in its own context (IP, user agent) for the audit log; registered
  // before the auth hook so the whole request sees it.
  app.addHook("onRequest", requestContextHook);
  app.addHook(
    "onRequest",
    authHook(opts.services.auth, opts.services.apiKeys, limitApiKey, opts, opts.services.platformAuth),
  );
  // A successful write no service recorded gets a generic audit entry (src/http/audit-net.ts).
  app.addHook("onSend", auditNetHook(opts.services.audit));
  // The OpenAPI document (/docs) lists an API key as a way in on the routes that accept one.
  app.addHook("onRoute", (route) => {
    if (route.config?.apiKey && route.schema) route.schema.security = [{ session: [] }, { apiKey: [] }];
    // Every signed-in route says what permission it needs (issue 13).
    assertRoutePermissions(route);
  });
  await app.register(
    (api, _o, done) => {
      registerRoutes(api as App, opts);
      done();
    },
    { prefix: "/api/v1" },
  );
  if (opts.webhooks) await registerWebhookRoutes(app, opts.webhooks);
  // For monitors: /health says the process answers (/healthz is its older name); /ready says
  // whether it can work (database, migrations, job queues), 503 when not.
  app.get("/health", { config: { public: true }, schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/healthz", { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  app.get("/ready", { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    const readiness = opts.readiness
      ? await opts.readiness()
      : { status: "ready" as const, checks: { http: { ok: true } } };
    return reply.status(readiness.status === "ready" ? 200 : 503).send(readiness);
  });
  return app;
}

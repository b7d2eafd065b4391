/**
 * Types shared by the HTTP layer and every module's routes.ts: the typed Fastify instance
 * and the options the app is built with. Kept apart from app.ts so a route file can name
 * them without importing the app (which registers the routes: an import cycle).
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { WebhookService } from "../modules/webhooks/index.js";
import type { Services } from "../services.js";

/** What the HTTP app is built from: the services, the logger and the HTTP knobs of the config (src/config.ts). */
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
  /** Sign-ups per hour from one client address (KABAR_SIGN_UP_PER_HOUR, SaaS mode); default 5. */
  signUpPerHour?: number;
  /** Requests per minute one API key may make (KABAR_API_KEY_RATE); default 600. */
  apiKeyRate?: number;
  /** An upload that sends nothing for this long is refused with 408, ms (KABAR_UPLOAD_IDLE_MS); default 20 s. */
  uploadIdleMs?: number;
  /** Largest accepted upload (contact files), bytes. */
  maxUploadBytes?: number;
  /** Folder of the built web app (default dist/web). */
  webRoot?: string;
  /** Cloud API webhooks (/webhooks/cloud-api/:channelId): verified on the raw body, then queued. */
  webhooks?: WebhookService;
  /** What `GET /ready` reports (src/readiness.ts); without it /ready says only that HTTP answers. */
  readiness?: () => Promise<Readiness>;
}

/** One check of `GET /ready`: whether it passed, and a short detail for the operator (no internals). */
export interface ReadinessCheck {
  ok: boolean;
  detail?: string;
}

/** The answer of `GET /ready` (200 when ready, 503 when not). */
export interface Readiness {
  status: "ready" | "not_ready";
  checks: Record<string, ReadinessCheck>;
}

/** Typed Fastify instance with the zod provider. */
// biome-ignore lint/suspicious/noExplicitAny: routes accept any server, request, reply and logger types; only the type provider matters
export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * The Content-Security-Policy of every answer (the web app, /docs, the API). What the built
 * web app needs: its own scripts only (Vite emits no inline script); styles inline too
 * (Mantine writes style attributes and <style> tags at run time); images from itself, data:
 * and blob: (previews of files being uploaded) and https: (media a shop links to); Socket.IO
 * and fetch to itself only ('self' covers ws:/wss: to the same host in CSP Level 3).
 * No framing, no plugins, forms post only to Kabar.
 */
const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:", "blob:", "https:"],
  mediaSrc: ["'self'", "data:", "blob:", "https:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", "blob:"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** HSTS value sent over https: one year, subdomains left alone (a shop's other sites may not all be https). */
const HSTS = "max-age=31536000";

/**
 * Security headers (helmet) with the CSP above, and Strict-Transport-Security only on
 * answers that travel over https: the request came over https (directly, or per
 * X-Forwarded-Proto from a trusted proxy), or it was sent to the host of an https public
 * URL (a TLS proxy in front that Kabar does not trust for X-Forwarded-*). Over plain http
 * HSTS is never sent: browsers ignore it there, and a LAN install must stay reachable.
 */
export async function registerSecurityHeaders(
  // biome-ignore lint/suspicious/noExplicitAny: headers apply to any Fastify instance, whatever its type provider
  app: FastifyInstance<any, any, any, any, any>,
  publicOrigin: string,
): Promise<void> {
  await app.register(helmet, {
    hsts: false,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  });
  const httpsHost = publicOrigin.startsWith("https:") ? new URL(publicOrigin).host : null;
  app.addHook("onRequest", async (req, reply) => {
    if (req.protocol === "https" || (httpsHost !== null && req.host === httpsHost))
      void reply.header("strict-transport-security", HSTS);
  });
}

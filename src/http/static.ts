import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { App } from "./types.js";

/** Where `npm run build:web` puts the SPA (vite's outDir). */
const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../dist/web", import.meta.url));

/**
 * The first path segment of every page of the web app (web/src/router.tsx; a test keeps the
 * two lists equal). Only these, and `/`, get index.html: any other path (a monitor asking
 * /metrics, a typo in an API path) gets the JSON 404 of the API, never a page that says 200.
 */
export const WEB_APP_PAGES = [
  "sign-in",
  "signup",
  "billing",
  "campaigns",
  "inbox",
  "quick-replies",
  "orders",
  "settings",
  "contacts",
  "products",
  "reports",
  "segments",
  "reminders",
  "channels",
  "templates",
  "automation",
  "sandbox",
  "staff",
  "audit",
  "platform",
] as const;
const WEB_PAGE = new RegExp(`^/(?:(?:${WEB_APP_PAGES.join("|")})(?:/[^.]*)?)?$`);

/** Vite's hashed output (or its pre-compressed copy): safe to cache for a year. */
const HASHED_ASSET = /[/\\]assets[/\\][^/\\]+-[\w-]{8,}\.\w+(\.br|\.gz)?$/;

/** Shown at `/` when the SPA has not been built. */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Kabar</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}code{background:#f1f3f5;padding:.1rem .35rem;border-radius:4px}</style></head>
<body><h1>Kabar</h1>
<p>Aplikasi web belum dibangun. Jalankan <code>npm run build:web</code>, lalu muat ulang halaman ini
(atau <code>npm run dev</code> untuk pengembangan).</p>
<p lang="en">The web app has not been built. Run <code>npm run build:web</code>, then reload this page
(or <code>npm run dev</code> for development).</p>
<p>API: <a href="/docs">/docs</a></p></body></html>`;

/** The SPA's handler for requests no route took; see {@link registerWeb}. */
interface Web {
  /** Answers a GET for a page of the SPA with index.html; false when the request is not one. */
  fallback(req: FastifyRequest, reply: FastifyReply): boolean;
}

/**
 * Serves the built SPA from `root` (default `dist/web`): hashed assets cached for a year,
 * index.html never cached (so a new build shows at once), pre-compressed .br/.gz files
 * when the browser accepts them. A GET of one of the web app's pages ({@link WEB_APP_PAGES})
 * that names no file gets index.html (client-side routes). Without a
 * build, those requests get a page saying to run `npm run build:web`.
 */
export async function registerWeb(app: App, root: string = DEFAULT_WEB_ROOT): Promise<Web> {
  const index = join(root, "index.html");
  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    wildcard: true,
    index: false,
    cacheControl: false,
    preCompressed: true,
    suppressWarning: true,
    setHeaders: (reply, path) => {
      void reply.header(
        "cache-control",
        HASHED_ASSET.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  const web: Web = {
    fallback(req, reply) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const path = req.url.split("?")[0] ?? "/";
      if (!WEB_PAGE.test(path)) return false;
      if (!existsSync(index)) {
        void reply
          .status(200)
          .header("cache-control", "no-cache")
          .type("text/html; charset=utf-8")
          .send(NOT_BUILT_PAGE);
        return true;
      }
      void reply
        .status(200)
        .header("cache-control", "no-cache")
        .sendFile("index.html", root, { cacheControl: false });
      return true;
    },
  };
  // The wildcard route would answer "/" as a folder; the app's start page is index.html.
  app.get("/", { schema: { hide: true } }, (req, reply) => {
    web.fallback(req, reply);
    return reply;
  });
  return web;
}

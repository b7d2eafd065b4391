/**
 * The request and answer shapes of the sandbox's in-process Graph (graph.ts), as the
 * GraphClient hands them over instead of sending them: Meta's paths
 * (`/<version>/<id>[/<edge>]?…`, media downloads at `/download/<id>`), JSON and multipart
 * bodies, and Graph error answers `{ error: { message, type, code, error_subcode?,
 * error_data?, fbtrace_id } }` (Meta, "Graph API error handling",
 * https://developers.facebook.com/docs/graph-api/guides/error-handling).
 */
import { randomBytes } from "node:crypto";
import type { GraphErrorSpec } from "./rules.js";

/** One Graph request as the client would send it. */
export interface GraphRequest {
  method: string;
  /** Absolute URL under the client's base URL. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** The Graph's answer: HTTP status and body bytes. */
export interface GraphAnswer {
  status: number;
  body: Buffer;
}

/** A Graph request read: the node id and edge of a versioned path, or a media download. */
interface ParsedRequest {
  id?: string;
  edge?: string;
  query: URLSearchParams;
  /** The media id of `/download/<id>`. */
  download?: string;
  /** A JSON body, parsed (undefined when none or not JSON). */
  json?: Record<string, unknown>;
}

/** Reads the path, query and JSON body of `req`. */
export function parseGraphRequest(req: GraphRequest): ParsedRequest {
  const url = new URL(req.url);
  const parts = url.pathname.split("/").filter(Boolean);
  const out: ParsedRequest = { query: url.searchParams };
  if (parts[0] === "download") out.download = parts[1] ?? "";
  else if (/^v\d+\.\d+$/.test(parts[0] ?? "")) [out.id, out.edge] = parts.slice(1);
  if (req.headers["content-type"]?.startsWith("application/json") && req.body !== undefined) {
    try {
      out.json = JSON.parse(req.body.toString()) as Record<string, unknown>;
    } catch {
      out.json = {};
    }
  }
  return out;
}

/** A multipart body's fields (files as `{ filename, type, size, bytes }`), by the platform's parser. */
export async function readMultipart(req: GraphRequest): Promise<Record<string, unknown>> {
  const form = await new Request("http://graph.invalid/", {
    method: "POST",
    headers: { "content-type": req.headers["content-type"] ?? "" },
    body: req.body === undefined ? "" : new Uint8Array(Buffer.from(req.body)),
  }).formData();
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    out[name] =
      typeof value === "string"
        ? value
        : {
            filename: value.name,
            type: value.type,
            size: value.size,
            bytes: Buffer.from(await value.arrayBuffer()),
          };
  }
  return out;
}

/** A JSON answer (200 unless told). */
export function graphJson(body: unknown, status = 200): GraphAnswer {
  return { status, body: Buffer.from(JSON.stringify(body)) };
}

/** A Graph error answer: HTTP 400 (401 for code 190) unless `e.status` says otherwise. */
export function graphError(e: GraphErrorSpec): GraphAnswer {
  const error: Record<string, unknown> = {
    message: e.message ?? `(#${e.code}) error`,
    type: "OAuthException",
    code: e.code,
    fbtrace_id: `A${randomBytes(8).toString("hex")}`,
  };
  if (e.subcode !== undefined) error.error_subcode = e.subcode;
  if (e.details) error.error_data = { messaging_product: "whatsapp", details: e.details };
  return graphJson({ error }, e.status ?? (e.code === 190 ? 401 : 400));
}

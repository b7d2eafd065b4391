/**
 * Guarded outbound HTTP(S) requests, on node:http / node:https. Every connection goes to
 * an address this module checked: names are resolved by its own `lookup`, which refuses
 * private addresses, and the socket connects to the address it returned (a DNS answer that
 * changes between check and connect cannot swap it).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction, Socket } from "node:net";
import { Transform, type Readable } from "node:stream";
import { isBlockedAddress } from "./address.js";
import { OutboundError } from "./errors.js";
import { checkUrl, lookupOverrideOf } from "./policy.js";

/** Options of {@link openGuarded} / {@link fetchGuarded}. */
interface OutboundOptions {
  /** Default GET. Redirects are followed for GET and HEAD only. */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Total time for the whole exchange (connect, redirects, body), ms; default 15 000. */
  timeoutMs?: number;
  /** Largest body accepted, bytes: a larger declared length fails at once, a longer stream fails when it passes the limit. */
  maxBytes: number;
  /** Exact hostnames the URL (and each redirect) may name; undefined = any public host. */
  allowedHosts?: readonly string[];
}

/** An answer whose body is still streaming. */
interface OutboundResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Errors with OutboundError `too_large` past `maxBytes`, `timeout` past `timeoutMs`, `unreachable` if cut. */
  body: Readable;
}

/** Default total timeout, ms. */
const DEFAULT_TIMEOUT_MS = 15_000;
/** Longest wait for the TCP connection, ms (less when the total timeout is shorter). */
const CONNECT_TIMEOUT_MS = 10_000;
/** Most redirects followed; each hop is checked like the first URL. */
const MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Marks the lookup's refusal of a private address. */
const BLOCKED = Symbol("outbound.blocked");

/** A DNS lookup that refuses any answer with a non-public address (unless `privateOk`). */
function guardedLookup(privateOk: boolean): LookupFunction {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    const base = (lookupOverrideOf() ?? dnsLookup) as unknown as (
      h: string,
      o: LookupOptions,
      cb: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void,
    ) => void;
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = Array.isArray(addresses) ? addresses : [];
      if (list.length === 0 || (!privateOk && list.some((a) => isBlockedAddress(a.address)))) {
        return callback(Object.assign(new Error("address not allowed"), { [BLOCKED]: true }), "");
      }
      if (options.all) callback(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/** One request, no redirects; resolves with the answer's head. */
function requestOnce(
  url: URL,
  privateOk: boolean,
  opts: OutboundOptions,
  signal: AbortSignal,
  connectTimeoutMs: number,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    let connected = false;
    const lib = url.protocol === "https:" ? https : http;
    const headers: Record<string, string | number> = { ...opts.headers };
    if (opts.body !== undefined) headers["content-length"] = Buffer.byteLength(opts.body);
    const req = lib.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: opts.method ?? "GET",
      headers,
      lookup: guardedLookup(privateOk),
      agent: false,
      signal,
    });
    const connectTimer = setTimeout(
      () => req.destroy(new OutboundError("timeout", false, "connect timeout")),
      connectTimeoutMs,
    );
    connectTimer.unref();
    req.on("socket", (socket: Socket) => {
      socket.once("connect", () => {
        connected = true;
        clearTimeout(connectTimer);
      });
    });
    req.on("response", (res) => {
      clearTimeout(connectTimer);
      resolve(res);
    });
    req.on("error", (err: Error & { [BLOCKED]?: boolean; code?: string }) => {
      clearTimeout(connectTimer);
      if (err instanceof OutboundError) return reject(err);
      if (err[BLOCKED])
        return reject(new OutboundError("blocked_url", false, "resolved to a non-public address"));
      if (signal.aborted) return reject(new OutboundError("timeout", connected, "total timeout"));
      reject(new OutboundError("unreachable", connected, err.code ?? err.message));
    });
    req.end(opts.body);
  });
}

/** The body of `res`, failing past `maxBytes` or when the exchange times out. */
function limitedBody(
  res: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
  done: () => void,
): Readable {
  let seen = 0;
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > maxBytes) cb(new OutboundError("too_large", true, `more than ${maxBytes} bytes`));
      else cb(null, chunk);
    },
  });
  const onAbort = () => out.destroy(new OutboundError("timeout", true, "total timeout"));
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  res.on("error", (err: Error & { code?: string }) =>
    out.destroy(new OutboundError("unreachable", true, err.code ?? err.message)),
  );
  out.on("close", () => {
    signal.removeEventListener("abort", onAbort);
    done();
    res.destroy();
  });
  res.pipe(out);
  return out;
}

/**
 * Opens a guarded request: `url` must pass the policy (https, public host after DNS
 * resolution, `allowedHosts`; see policy.ts), each redirect (GET/HEAD, at most
 * {@link MAX_REDIRECTS}) is checked the same way and loses `authorization` and `cookie`
 * when it changes origin. Resolves once the answer's head arrived; read or destroy `body`.
 * @throws OutboundError `blocked_url`, `unreachable`, `timeout`, `too_large` (declared
 * length), `bad_response` (too many redirects)
 */
export async function openGuarded(url: string, opts: OutboundOptions): Promise<OutboundResponse> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const method = (opts.method ?? "GET").toUpperCase();
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  timer.unref();
  try {
    let current = url;
    let headers = { ...opts.headers };
    for (let hop = 0; ; hop++) {
      const checked = checkUrl(current, opts.allowedHosts);
      const res = await requestOnce(
        checked.url,
        checked.privateOk,
        { ...opts, method, headers },
        ac.signal,
        Math.min(CONNECT_TIMEOUT_MS, timeoutMs),
      );
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(status) && location && (method === "GET" || method === "HEAD")) {
        res.destroy();
        if (hop >= MAX_REDIRECTS) throw new OutboundError("bad_response", true, "too many redirects");
        let next: URL;
        try {
          next = new URL(location, checked.url);
        } catch {
          throw new OutboundError("bad_response", true, "bad redirect location");
        }
        if (next.origin !== checked.url.origin) {
          headers = Object.fromEntries(
            Object.entries(headers).filter(([k]) => !["authorization", "cookie"].includes(k.toLowerCase())),
          );
        }
        current = next.href;
        continue;
      }
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        res.destroy();
        throw new OutboundError("too_large", true, `declared ${declared} bytes`);
      }
      return {
        status,
        headers: flatHeaders(res.headers),
        body: limitedBody(res, opts.maxBytes, ac.signal, () => clearTimeout(timer)),
      };
    }
  } catch (err) {
    clearTimeout(timer);
    throw err;
  }
}

/**
 * {@link openGuarded}, reading the whole body (at most `maxBytes`).
 * @throws OutboundError as openGuarded, and while reading the body
 */
export async function fetchGuarded(
  url: string,
  opts: OutboundOptions,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const res = await openGuarded(url, opts);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
  } catch (err) {
    throw err instanceof OutboundError ? err : new OutboundError("unreachable", true, (err as Error).message);
  }
  return { status: res.status, headers: res.headers, body: Buffer.concat(chunks) };
}

/**
 * The request context (issue 13, audit log): who is calling from where, carried through
 * every await of one request, CLI command or job with Node's AsyncLocalStorage, so a
 * service that writes an audit entry needs no extra argument for the IP or user agent.
 * The HTTP layer opens one per request (src/http/app.ts), the CLI one per command, a job
 * acting for a person one per run. Outside any (tests calling services directly) there is none.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** Where a write came from, as the audit log records it. */
type WriteSource = "http" | "cli" | "job";

/** What the context holds. */
interface RequestContext {
  source: WriteSource;
  /** The caller's address (HTTP only; behind a proxy only with KABAR_TRUST_PROXY). */
  ip?: string;
  /** The caller's `User-Agent` header (HTTP only). */
  userAgent?: string;
  /** How many audit entries were written in this context (the HTTP safety net writes one when none was). */
  auditEntries: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` in a new context (HTTP request, CLI command, job run). @returns what `fn` returns */
export function withRequestContext<T>(context: Omit<RequestContext, "auditEntries">, fn: () => T): T {
  return storage.run({ ...context, auditEntries: 0 }, fn);
}

/** The current context, or undefined outside any. */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

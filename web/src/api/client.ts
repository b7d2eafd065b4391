import i18n from "../i18n";

/** An error answer of the API: its stable code, a message in the user's language, field problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The error's machine-readable particulars (`{ needed, left }`, `{ limit, allowed }`…), when it has any. */
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * Which session a 401 ended: the shop's (a user's, cookie `kabar_session`) or the platform
 * admin's (cookie `kabar_platform`, every `/platform/*` route). Each has its own sign-in page.
 */
export type SessionKind = "shop" | "platform";

type Listener = (session: SessionKind) => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request (other than the session checks themselves) answers 401, with the session it ended. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Tells the `onUnauthorized` listeners that a session is gone (a 401, or a refused socket: the shop's). */
export function reportUnauthorized(session: SessionKind = "shop"): void {
  for (const l of unauthorizedListeners) l(session);
}

/** Paths whose 401 is an answer, not an expired session. */
const SESSION_PATHS = ["/auth/me", "/auth/sign-in", "/platform/auth/me", "/platform/auth/sign-in"];

/** The session a path needs: `/platform/*` the platform admin's, everything else the shop's. */
const sessionOf = (path: string): SessionKind =>
  path === "/platform" || path.startsWith("/platform/") ? "platform" : "shop";

/**
 * Calls /api/v1`path` with the session cookie; JSON in (or `FormData` for an upload) and
 * JSON out. Messages come in the interface language (Accept-Language).
 * @throws ApiError for an error answer (a 401 also tells the `onUnauthorized` listeners
 *   which session ended: `/platform/*` paths the platform admin's, others the shop's)
 */
export async function api<T>(
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { "accept-language": i18n.language };
  const form = body instanceof FormData; // a file upload: the browser sets the multipart boundary
  if (body !== undefined && !form) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: form ? (body as FormData) : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", i18n.t("errors.network"));
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return data as T;
  const error = (
    data as {
      error?: { code?: string; message?: string; fields?: Record<string, string>; details?: unknown };
    } | null
  )?.error;
  if (res.status === 401 && !SESSION_PATHS.includes(path)) reportUnauthorized(sessionOf(path));
  throw new ApiError(
    res.status,
    error?.code ?? "http_error",
    error?.message ?? i18n.t("errors.generic"),
    error?.fields,
    error?.details,
  );
}

/** The server's problem with one form field, if any (also matches nested paths such as `audience.labels`). */
export function fieldError(error: unknown, ...fields: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  for (const [key, message] of Object.entries(error.fields)) {
    if (fields.some((f) => key === f || key.startsWith(`${f}.`))) return message;
  }
  return undefined;
}

/** A message for any error, for alerts and notifications. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : i18n.t("errors.generic");
}

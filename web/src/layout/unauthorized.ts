import type { SessionKind } from "../api/client";

/** Each session's sign-in page: a shop user's, and the platform admin's (never the other's). */
const SIGN_IN: Record<SessionKind, string> = { shop: "/sign-in", platform: "/platform/sign-in" };

/**
 * Where a 401 sends the browser: the sign-in page of the session that ended, saying why
 * (`expired=1`) and coming back to `pathname + search` afterwards; null when already there.
 * A platform call's 401 never leads to the shop's sign-in, nor a shop call's to the platform's.
 */
export function signInAfterUnauthorized(
  session: SessionKind,
  pathname: string,
  search: string,
): string | null {
  const page = SIGN_IN[session];
  if (pathname === page) return null;
  return `${page}?expired=1&next=${encodeURIComponent(pathname + search)}`;
}

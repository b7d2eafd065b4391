/**
 * The session cookie's names and how to read it: shared by HTTP (`src/http/auth.ts`) and the
 * Socket.IO handshake (`src/realtime/auth.ts`), which check the same session.
 */

/** Name of the session cookie over plain http (HttpOnly, SameSite=Lax). */
export const SESSION_COOKIE = "kabar_session";
/**
 * Name of the session cookie over https (HttpOnly, SameSite=Lax, Secure, Path=/, no Domain):
 * the `__Host-` prefix makes browsers refuse it unless set that way by this very host, so a
 * sibling subdomain cannot plant or overwrite it.
 */
export const SECURE_SESSION_COOKIE = "__Host-kabar_session";

/** The session token in a parsed Cookie header: the `__Host-` cookie first, then the plain one (sessions opened over http before https was set up). */
export function sessionCookieValue(cookies: Record<string, string | undefined>): string | undefined {
  return cookies[SECURE_SESSION_COOKIE] ?? cookies[SESSION_COOKIE];
}

/**
 * Name of a platform admin's session cookie over plain http (issue 14, SaaS mode): apart from
 * the shop's, so a browser may hold both and neither opens the other's routes.
 */
export const PLATFORM_COOKIE = "kabar_platform";
/** Name of the platform admin's session cookie over https (`__Host-`, like SECURE_SESSION_COOKIE). */
export const SECURE_PLATFORM_COOKIE = "__Host-kabar_platform";

/** The platform session token in a parsed Cookie header: the `__Host-` cookie first. */
export function platformCookieValue(cookies: Record<string, string | undefined>): string | undefined {
  return cookies[SECURE_PLATFORM_COOKIE] ?? cookies[PLATFORM_COOKIE];
}

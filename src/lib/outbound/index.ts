/**
 * The outbound guard: the one way Kabar fetches a URL (the Cloud API client, media
 * downloads). https only by default, an optional exact host list, no private, loopback,
 * link-local, multicast, unspecified, CGNAT, ULA or IPv4-mapped address after DNS
 * resolution (and the socket connects to the checked address), connect and total
 * timeouts, a size limit enforced while streaming, redirects re-checked (at most 3).
 * The operator may allow private hosts for local fakes (KABAR_OUTBOUND_ALLOW_HOSTS).
 */
export { isBlockedAddress } from "./address.js";
export { NOT_REACHABLE_MESSAGE, OutboundError } from "./errors.js";
export { checkUrl, configureOutbound, parseAllowEntry } from "./policy.js";
export { fetchGuarded, openGuarded } from "./request.js";

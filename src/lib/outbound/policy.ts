/**
 * What the outbound guard lets through before any connection: the scheme, the host, and
 * (for hosts named by IP) the address. The operator's allow list (KABAR_OUTBOUND_ALLOW_HOSTS,
 * set through {@link configureOutbound} at boot) names hosts that may be private and may use
 * plain http: local fakes and tests, never anything a shop's request can set.
 */
import { isIP, type LookupFunction } from "node:net";
import { isBlockedAddress } from "./address.js";
import { OutboundError } from "./errors.js";

/** One operator allow-list entry: a host, with a port or for any port. */
interface AllowEntry {
  host: string;
  port: string | null;
}

let allowPrivate: AllowEntry[] = [];
let lookupOverride: LookupFunction | null = null;

/** Lower-cased host without IPv6 brackets, as WHATWG URL gives `hostname`. */
function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, "");
}

/** The port a URL connects to ("443" for https without one). */
function effectivePort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

/**
 * Parses one allow-list entry: `host`, `host:port`, `[v6]` or `[v6]:port`.
 * @throws Error naming the entry when it is not a host
 */
export function parseAllowEntry(entry: string): AllowEntry {
  const trimmed = entry.trim();
  let url: URL;
  try {
    url = new URL(`http://${trimmed}`);
  } catch {
    throw new Error(`"${trimmed}" is not a host or host:port`);
  }
  if (!url.hostname || url.pathname !== "/" || url.username || url.search)
    throw new Error(`"${trimmed}" is not a host or host:port`);
  // new URL drops an explicit :80 for http; keep what the operator wrote.
  const port = /:(\d+)$/.exec(trimmed)?.[1] ?? null;
  return { host: bareHost(url.hostname), port };
}

/**
 * Sets the operator-level policy of this process (call once at boot):
 * - `allowPrivateHosts`: entries `host` or `host:port` that may resolve to private or
 *   loopback addresses and may use http (KABAR_OUTBOUND_ALLOW_HOSTS);
 * - `lookup`: a DNS lookup to use instead of `dns.lookup` (tests only).
 * @throws Error naming a malformed entry
 */
export function configureOutbound(o: {
  allowPrivateHosts?: readonly string[];
  lookup?: LookupFunction | null;
}): void {
  if (o.allowPrivateHosts !== undefined)
    allowPrivate = o.allowPrivateHosts.filter((e) => e.trim() !== "").map(parseAllowEntry);
  if (o.lookup !== undefined) lookupOverride = o.lookup;
}

/** The DNS lookup tests set with {@link configureOutbound}, if any. */
export function lookupOverrideOf(): LookupFunction | null {
  return lookupOverride;
}

/** True when the operator allows `url`'s host (and port) to be private and plain http. */
function operatorAllows(url: URL): boolean {
  const host = bareHost(url.hostname);
  const port = effectivePort(url);
  return allowPrivate.some((e) => e.host === host && (e.port === null || e.port === port));
}

/**
 * Checks a URL before connecting: https only (http only for operator-allowed hosts), no
 * credentials in it, the host in `allowedHosts` when given, and a host named by IP must be
 * public unless operator-allowed. Names are checked again after DNS resolution.
 * @returns the parsed URL and whether private addresses are allowed for it
 * @throws OutboundError `blocked_url`
 */
export function checkUrl(raw: string, allowedHosts?: readonly string[]): { url: URL; privateOk: boolean } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError("blocked_url", false, "not a URL");
  }
  const privateOk = operatorAllows(url);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && privateOk))
    throw new OutboundError("blocked_url", false, `scheme ${url.protocol}`);
  if (url.username || url.password) throw new OutboundError("blocked_url", false, "credentials in the URL");
  const host = bareHost(url.hostname);
  if (allowedHosts && !allowedHosts.some((h) => bareHost(h) === host))
    throw new OutboundError("blocked_url", false, `host ${host} not in the allowed list`);
  if (isIP(host) && !privateOk && isBlockedAddress(host))
    throw new OutboundError("blocked_url", false, `address ${host}`);
  return { url, privateOk };
}

/**
 * Per-process cache of each tenant's enabled auto-reply rules, so the engine reads
 * `auto_reply_rules` once per tenant and `RULE_CACHE_TTL_MS` instead of once per incoming
 * message.
 *
 * Freshness:
 * - In this process the rules service (service.ts, the only writer of `auto_reply_rules`)
 *   calls `invalidateRules` after every create, update and delete, so the next message
 *   sees the change at once.
 * - Another process (the rule written through the HTTP server of process A, the channel
 *   held by process B) sees it when B's entry expires: at most `RULE_CACHE_TTL_MS` later.
 *   A TTL was chosen over LISTEN/NOTIFY: no extra connection per process, and a few
 *   seconds' delay before a new or changed rule applies is invisible to a shop.
 *   The same bound holds for rules a channel deletion removes (ON DELETE CASCADE).
 *
 * An entry holds the load's promise from the moment it starts, so messages arriving
 * together share one query; an invalidation drops the entry, so a load that started
 * before a write is never kept after it. A failed load is not kept.
 */
import type { LiveRule } from "./queries/rules.js";

/** How long a tenant's rules are reused without a write in this process, ms. */
export const RULE_CACHE_TTL_MS = 5_000;

interface Entry {
  rules: Promise<LiveRule[]>;
  /** When the load started (epoch ms). */
  loadedAt: number;
}

const entries = new Map<string, Entry>();

/**
 * The tenant's enabled rules: the cached list while younger than `RULE_CACHE_TTL_MS`,
 * else `load()` (its rejection is passed on and not cached).
 * @param now the clock, epoch ms (tests)
 */
export function cachedRules(
  tenantId: string,
  load: () => Promise<LiveRule[]>,
  now: number = Date.now(),
): Promise<LiveRule[]> {
  const hit = entries.get(tenantId);
  if (hit && now - hit.loadedAt < RULE_CACHE_TTL_MS && now >= hit.loadedAt) return hit.rules;
  const entry: Entry = { rules: load(), loadedAt: now };
  entries.set(tenantId, entry);
  entry.rules.catch(() => {
    if (entries.get(tenantId) === entry) entries.delete(tenantId);
  });
  return entry.rules;
}

/** Forgets the tenant's cached rules (call after the write committed). */
export function invalidateRules(tenantId: string): void {
  entries.delete(tenantId);
}

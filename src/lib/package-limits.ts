/**
 * The package limit checks (issue 14, SaaS mode) as the creating services receive them from
 * the composition root (src/services.ts): billing's `assertRoom` / `roomLeft`, passed in so
 * channels, users and contacts need not import billing (billing reads the tenants module,
 * whose demo seed imports them: an import cycle).
 */
import type { Db, Tx } from "../db/client.js";

/** A limit a package sets on what a shop creates. */
export type PackageLimit = "numbers" | "staff" | "contacts";

/** The checks; absent in a service made without them (tests, the CLI): unlimited. */
export interface PackageLimits {
  /**
   * Refuses adding `adding` (default 1) of `limit` beyond the shop's package, counted in
   * `tx` under a per-shop lock held until it ends.
   * @throws KabarError 402 `package_limit_reached` with details `{ limit, allowed }`
   */
  assertRoom(tx: Db | Tx, tenantId: string, limit: PackageLimit, adding?: number): Promise<void>;
  /** How many more of `limit` the shop may add (≥ 0), or null when unlimited; same lock. */
  roomLeft(tx: Db | Tx, tenantId: string, limit: PackageLimit): Promise<number | null>;
}

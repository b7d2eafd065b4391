/**
 * The checks other modules run when a body names outlets (issue 13): a number's outlet, a
 * contact's home outlet, the outlets given to a user. Each id must be one of the shop's
 * outlets and, for an actor limited to outlets, one of theirs.
 */
import type { Db, Tx } from "../../db/client.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import { commonErrors } from "../../lib/common-errors.js";
import type { Permission } from "../../lib/permissions.js";
import { outletErrors } from "./errors.js";
import { knownOutletIds, ownOutlets, outletOf, outletsOf } from "./queries.js";

/**
 * The outlet `id` names, checked for the actor; absent: the first outlet the actor works in
 * (the shop's first for an actor of every outlet).
 * @param field the body field the error names (`outletId`, `homeOutletId`)
 * @returns the outlet's id
 * @throws KabarError 400 `unknown_outlet` naming `field`
 */
export async function resolveOutletId(
  db: Db | Tx,
  actor: Actor,
  id: string | undefined,
  field: string,
): Promise<string> {
  const scope = ownOutlets(actor);
  if (id !== undefined) {
    const row = await outletOf(db, actor.tenantId, id, scope);
    if (!row) throw outletErrors.unknownOutlet({ field });
    return row.id;
  }
  const [first] = await outletsOf(db as Db, actor.tenantId, scope);
  if (!first) throw outletErrors.unknownOutlet({ field });
  return first.id;
}

/**
 * Checks the outlets the actor gives someone (`[]`: every outlet): each must be the shop's
 * and, for an actor limited to outlets, one of theirs; such an actor cannot give every outlet.
 * @returns the ids, each once
 * @throws KabarError 400 `unknown_outlet` naming `field`, 403 `all_outlets_only`
 */
export async function checkGivenOutlets(
  db: Db | Tx,
  actor: Actor,
  ids: readonly string[],
  field: string,
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 && actor.outletIds) throw outletErrors.allOutletsOnly();
  const known = await knownOutletIds(db, actor.tenantId, unique);
  const mine = actor.outletIds && new Set(actor.outletIds);
  if (known.length !== unique.length || (mine && unique.some((id) => !mine.has(id))))
    throw outletErrors.unknownOutlet({ field });
  return unique;
}

/**
 * For what acts for the whole shop (API keys, webhook endpoints: a key reads every outlet's
 * orders, an endpoint receives every outlet's events): the actor holds `key`, is a person
 * (an API key never manages keys or endpoints) and works in every outlet — someone limited
 * to outlets would otherwise reach other outlets' data through what they make.
 * @throws KabarError 403 `forbidden` (missing permission, or an API key), 403 `all_outlets_only`
 */
export function requireShopWidePerson(actor: Actor, key: Permission): void {
  requirePermission(actor, key);
  if (actor.apiKey) throw commonErrors.forbidden();
  if (actor.outletIds) throw outletErrors.allOutletsOnly();
}

/**
 * The actor narrowed to one outlet for a read "per outlet" (reports, the dashboard, the
 * order list's filter): with `outletId`, the actor with `outletIds: [outletId]` once the
 * outlet is checked to be the shop's and the actor's; without it, the actor as is (its
 * "combined" view: every outlet it works in). The result feeds the usual scope helpers.
 * @throws KabarError 404 `outlet_not_found` (unknown, another shop's, or outside the actor's outlets)
 */
export async function narrowToOutlet(
  db: Db | Tx,
  actor: Actor,
  outletId: string | undefined,
): Promise<Actor> {
  if (outletId === undefined) return actor;
  const row = await outletOf(db, actor.tenantId, outletId, ownOutlets(actor));
  if (!row) throw outletErrors.notFound();
  return { ...actor, outletIds: [row.id] };
}

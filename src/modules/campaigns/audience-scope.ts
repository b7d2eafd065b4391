/**
 * A campaign audience and the outlets (issue 13): staff limited to outlets reach only their
 * outlets' customers, whatever audience they pick, and the `outlet` audience names an outlet.
 */
import type { Db } from "../../db/client.js";
import type { Audience } from "./queries/campaigns.js";
import type { Actor } from "../../lib/actor.js";
import { resolveOutletId } from "../outlets/index.js";

/**
 * The audience as stored for `actor`: an `outletIds` a client sent is dropped; staff limited
 * to outlets get theirs stamped on it, so the snapshot taken when the campaign starts (by
 * them, a job or anyone) keeps only their outlets' customers (queries/audience.ts).
 */
export function stampAudience<A extends Audience>(actor: Actor, audience: A): A {
  const { outletIds: _sent, ...rest } = audience;
  return (actor.outletIds ? { ...rest, outletIds: [...actor.outletIds] } : rest) as A;
}

/**
 * The audience of a campaign being started by `actor`: a limited actor's outlets are
 * stamped on one written before the stamp (or by someone of every outlet), never widened.
 */
export function audienceStartedBy(actor: Actor, audience: Audience): Audience {
  if (!actor.outletIds) return audience;
  const mine = new Set(actor.outletIds);
  const outletIds = audience.outletIds ? audience.outletIds.filter((o) => mine.has(o)) : [...mine];
  return { ...audience, outletIds };
}

/**
 * Checks the outlet an `outlet` audience names: one of the shop's, in the actor's outlets.
 * @throws KabarError 400 `unknown_outlet` naming `audience.outletId`
 */
export async function checkAudienceOutlet(
  db: Db,
  actor: Actor,
  audience: Audience | undefined,
): Promise<void> {
  if (audience?.type === "outlet") await resolveOutletId(db, actor, audience.outletId, "audience.outletId");
}

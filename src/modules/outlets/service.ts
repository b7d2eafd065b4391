import type { Db } from "../../db/client.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import { outletErrors } from "./errors.js";
import {
  deleteOutlet,
  insertOutlet,
  type OutletRow,
  ownOutlets,
  outletOf,
  outletsOf,
  outletUsage,
  updateOutlet,
} from "./queries.js";
import type { CreateOutletInput, OutletDto, UpdateOutletInput } from "./schemas.js";

const toDto = (r: OutletRow): OutletDto => ({
  id: r.id,
  name: r.name,
  address: r.address,
  city: r.city,
  province: r.province,
  phone: r.phone,
  createdAt: r.createdAt.toISOString(),
});

/** Whether a database error (or its cause) carries the PostgreSQL code `code`. */
const pgCode = (err: unknown, code: string) =>
  (err as { code?: string }).code === code || (err as { cause?: { code?: string } }).cause?.code === code;

/**
 * The shop's outlets (issue 13): reads need `outlets.read`, writes `outlets.manage`. An actor
 * limited to outlets (`Actor.outletIds`) sees and changes only those (another outlet's id
 * answers 404 like another shop's) and cannot create outlets.
 */
export function createOutletService(db: Db) {
  const scoped = (actor: Actor) => ownOutlets(actor);

  async function found(actor: Actor, id: string): Promise<OutletRow> {
    const row = await outletOf(db, actor.tenantId, id, scoped(actor));
    if (!row) throw outletErrors.notFound();
    return row;
  }

  return {
    /** The actor's outlets, oldest first. @throws KabarError 403 */
    async list(actor: Actor): Promise<OutletDto[]> {
      requirePermission(actor, "outlets.read");
      return (await outletsOf(db, actor.tenantId, scoped(actor))).map(toDto);
    },

    /** One outlet. @throws KabarError 403, 404 `outlet_not_found` */
    async get(actor: Actor, id: string): Promise<OutletDto> {
      requirePermission(actor, "outlets.read");
      return toDto(await found(actor, id));
    },

    /**
     * A new outlet (only by someone of every outlet).
     * @throws KabarError 403 `forbidden` / `all_outlets_only`, 409 `outlet_name_taken`
     */
    async create(actor: Actor, input: CreateOutletInput): Promise<OutletDto> {
      requirePermission(actor, "outlets.manage");
      if (actor.outletIds) throw outletErrors.allOutletsOnly();
      const row = await insertOutlet(db, { ...input, tenantId: actor.tenantId });
      if (!row) throw outletErrors.nameTaken();
      return toDto(row);
    },

    /** Changes the given fields. @throws KabarError 403, 404 `outlet_not_found`, 409 `outlet_name_taken` */
    async update(actor: Actor, id: string, input: UpdateOutletInput): Promise<OutletDto> {
      requirePermission(actor, "outlets.manage");
      await found(actor, id);
      try {
        const row = await updateOutlet(db, actor.tenantId, id, input);
        if (!row) throw outletErrors.notFound();
        return toDto(row);
      } catch (err) {
        if (pgCode(err, "23505")) throw outletErrors.nameTaken();
        throw err;
      }
    },

    /**
     * Deletes an outlet no number belongs to, nobody is limited to and no order belongs to
     * (orders keep their outlet for the reports); never the shop's last.
     * Its contacts lose it as their home and as a customer-of outlet.
     * @throws KabarError 403, 404 `outlet_not_found`, 409 `last_outlet` / `outlet_in_use`
     */
    async remove(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, "outlets.manage");
      await found(actor, id);
      const usage = await outletUsage(db, actor.tenantId, id);
      if (usage.outlets <= 1) throw outletErrors.lastOutlet();
      if (usage.channels > 0 || usage.users > 0 || usage.orders > 0) throw outletErrors.inUse(usage);
      try {
        if (!(await deleteOutlet(db, actor.tenantId, id))) throw outletErrors.notFound();
      } catch (err) {
        // A number or an order was put in it, or someone limited to it, between the count and the delete.
        if (pgCode(err, "23503")) throw outletErrors.inUse(await outletUsage(db, actor.tenantId, id));
        throw err;
      }
    },
  };
}

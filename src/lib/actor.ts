import { commonErrors } from "./common-errors.js";

/** Roles: an owner can do everything in the tenant; an agent works contacts and the inbox. */
export type Role = "owner" | "agent";

/**
 * Who is calling a service: every service verb takes the actor first and scopes every
 * query by `tenantId`.
 */
export interface Actor {
  tenantId: string;
  userId: string | null;
  role: Role;
}

/** @throws KabarError 403 unless the actor is an owner. */
export function requireOwner(actor: Actor): void {
  if (actor.role !== "owner") throw commonErrors.forbidden();
}

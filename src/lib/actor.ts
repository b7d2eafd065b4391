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
  /**
   * Set when a machine client calls with an API key (`Authorization: Bearer kbr_live_…`):
   * the key's id and what it may do. Absent for people, the CLI and jobs.
   */
  apiKey?: { id: string; scopes: readonly ApiScope[] };
  /** Kabar acting on a customer's WhatsApp answer (a COD order's YA / BATAL): histories name the customer. */
  customer?: true;
}

/** What an API key may do (chosen by the owner when the key is made). */
export const API_SCOPES = [
  "orders:write",
  "orders:read",
  "contacts:read",
  "contacts:write",
  "messages:send",
] as const;
/** One of {@link API_SCOPES}. */
export type ApiScope = (typeof API_SCOPES)[number];

/**
 * A service verb that machine clients may call checks the key's scope with this; people
 * (no `apiKey`) pass, their role is checked separately.
 * @throws KabarError 403 `missing_scope` for an API key without `scope`.
 */
export function requireScope(actor: Actor, scope: ApiScope): void {
  if (actor.apiKey && !actor.apiKey.scopes.includes(scope)) throw commonErrors.missingScope({ scope });
}

/** @throws KabarError 403 unless the actor is an owner. */
export function requireOwner(actor: Actor): void {
  if (actor.role !== "owner") throw commonErrors.forbidden();
}

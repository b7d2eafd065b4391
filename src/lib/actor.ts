import { commonErrors } from "./common-errors.js";
import { type BuiltInRole, builtInPermissions, isBuiltInRole, type Permission } from "./permissions.js";

/**
 * A user's role: a built-in role (src/lib/permissions.ts) or `custom`, a role of the shop's
 * own (`roles` table) whose permissions the actor carries.
 */
export type Role = BuiltInRole | "custom";

/**
 * Who is calling a service: every service verb takes the actor first and scopes every
 * query by `tenantId`.
 */
export interface Actor {
  tenantId: string;
  userId: string | null;
  role: Role;
  /**
   * What the actor may do, built once per request or session (src/modules/auth). Absent:
   * the built-in role's set (Kabar's own actors in jobs and the CLI say `role: "owner"`);
   * a `custom` role without it may do nothing.
   */
  permissions?: ReadonlySet<Permission>;
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

const NONE: ReadonlySet<Permission> = new Set();

/** The actor's permission set (its own, else its built-in role's). */
export function permissionsOf(actor: Actor): ReadonlySet<Permission> {
  return actor.permissions ?? (isBuiltInRole(actor.role) ? builtInPermissions(actor.role) : NONE);
}

/** Whether the actor holds `key`. */
export function can(actor: Actor, key: Permission): boolean {
  return permissionsOf(actor).has(key);
}

/**
 * The first check of a service verb: the actor must hold `key` (src/lib/permissions.ts).
 * @throws KabarError 403 `forbidden` when it does not.
 */
export function requirePermission(actor: Actor, key: Permission): void {
  if (!can(actor, key)) throw commonErrors.forbidden();
}

/** Like {@link requirePermission}, for a verb any one of `keys` opens. @throws KabarError 403 `forbidden` */
export function requireAnyPermission(actor: Actor, keys: readonly Permission[]): void {
  if (!keys.some((k) => can(actor, k))) throw commonErrors.forbidden();
}

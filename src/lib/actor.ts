import { commonErrors } from "./common-errors.js";
import { type KabarModule, moduleOfPermission } from "./modules.js";
import { type BuiltInRole, builtInPermissions, isBuiltInRole, type Permission } from "./permissions.js";

/**
 * A user's role: a built-in role (src/lib/permissions.ts) or `custom`, a role of the shop's
 * own (`roles` table) whose permissions the actor carries.
 */
export type Role = BuiltInRole | "custom";

/**
 * Kabar itself acting for a shop (a job, Midtrans' notification, the platform admin's verbs):
 * no user, the owner's rights. Its audit entries show "Kabar" as who did it.
 */
export const kabarActor = (tenantId: string): Actor => ({ tenantId, userId: null, role: "owner" });

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
  /**
   * The modules the shop switched off (src/lib/modules.ts), read with the session or key:
   * their permission keys are not held whatever the role says. Absent: none.
   */
  disabledModules?: ReadonlySet<KabarModule>;
  /**
   * The outlets the actor works in (issue 13), from the user's `user_outlets` rows, built
   * with the session (src/modules/auth). Absent: every outlet (people with no row, API keys,
   * the CLI and jobs). Queries put the outlet scope in their WHERE through the outlets
   * module's `outletInScope` / `channelInScope` / `contactInScope`, TRUE when absent.
   */
  outletIds?: readonly string[];
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

/** The actor's permission set (its own, else its built-in role's), without its shop's switched-off modules. */
export function permissionsOf(actor: Actor): ReadonlySet<Permission> {
  const held = heldByRole(actor);
  if (!actor.disabledModules?.size) return held;
  return new Set([...held].filter((p) => !isSwitchedOff(actor, p)));
}

/** What the actor's role or own set holds, modules aside. */
function heldByRole(actor: Actor): ReadonlySet<Permission> {
  return actor.permissions ?? (isBuiltInRole(actor.role) ? builtInPermissions(actor.role) : NONE);
}

/** The switched-off module that owns `key` for this actor's shop, if any. */
function switchedOff(actor: Actor, key: Permission): KabarModule | undefined {
  const m = moduleOfPermission(key);
  return m && actor.disabledModules?.has(m) ? m : undefined;
}

const isSwitchedOff = (actor: Actor, key: Permission) => switchedOff(actor, key) !== undefined;

/** Whether the actor holds `key` (never for a key of a switched-off module). */
export function can(actor: Actor, key: Permission): boolean {
  return !isSwitchedOff(actor, key) && heldByRole(actor).has(key);
}

/**
 * The first check of a service verb: the actor must hold `key` (src/lib/permissions.ts).
 * @throws KabarError 403 `module_disabled` when the shop switched off the key's module
 *   (src/lib/modules.ts); 403 `forbidden` when the actor does not hold it.
 */
export function requirePermission(actor: Actor, key: Permission): void {
  requireAnyPermission(actor, [key]);
}

/**
 * Like {@link requirePermission}, for a verb any one of `keys` opens.
 * @throws KabarError 403 `module_disabled` when every key belongs to a switched-off module;
 *   403 `forbidden` when the actor holds none of them.
 */
export function requireAnyPermission(actor: Actor, keys: readonly Permission[]): void {
  if (keys.some((k) => can(actor, k))) return;
  const off = keys.map((k) => switchedOff(actor, k));
  if (off.length > 0 && off.every((m) => m !== undefined))
    throw commonErrors.moduleDisabled({ module: off[0]! });
  throw commonErrors.forbidden();
}

/**
 * Module switches (issue 13): the parts of Kabar a shop can switch off, each mapped to the
 * permission modules (src/lib/permissions.ts) and /api/v1 path prefixes it owns, and the
 * background jobs that skip a shop that switched it off. All modules are on by default
 * (`tenants.disabled_modules` is empty); the billing issue will later drive them from
 * packages through the same column.
 *
 * Enforcement lives in two places that both read this registry:
 * - the actor (src/lib/actor.ts): a switched-off module's permission keys are dropped from
 *   what the actor may do, and `requirePermission` answers 403 `module_disabled` for them, so
 *   HTTP, sockets (rooms follow permissions), the CLI and the web's `useCan` all obey;
 * - the route check (src/http/auth.ts `checkRouteNeed`): a route belongs to the modules of
 *   its path prefix and of its declared permission ({@link routeModules}), so no route can
 *   be forgotten.
 */
import type { Permission, PermissionModule } from "./permissions.js";

/** What each switchable module owns. */
interface ModuleSpec {
  /** Permission modules whose keys the module owns (`orders` owns `orders.*`). */
  permissions: readonly PermissionModule[];
  /** /api/v1 path prefixes the module owns though their permission belongs elsewhere. */
  paths: readonly string[];
  /** What it covers, in English, for docs. */
  what: string;
}

/**
 * The switchable modules. Templates stay outside every module: reminders, automation, order
 * messages and quick replies all send them. Reminders run as campaigns (their routes need
 * `campaigns.*` keys), so they need broadcast on as well.
 */
export const MODULE_SPECS = {
  broadcast: { permissions: ["campaigns"], paths: ["/campaigns"], what: "Campaigns (broadcasts)" },
  inbox: {
    permissions: ["inbox"],
    paths: ["/conversations", "/quick-replies"],
    what: "Conversations, quick replies, assignment",
  },
  automation: {
    permissions: ["automation"],
    paths: ["/automation"],
    what: "Automation rules and auto-replies",
  },
  commerce: {
    permissions: ["products", "orders"],
    paths: ["/products", "/orders", "/order-messages", "/segments"],
    what: "Products, orders, order messages, RFM segments, API order intake",
  },
  reminders: {
    permissions: [],
    paths: ["/reminders"],
    what: "Repeat-order reminders (run as campaigns: need broadcast on too)",
  },
  reports: { permissions: ["reports"], paths: ["/stats", "/reports"], what: "Dashboard and sales reports" },
} as const satisfies Record<string, ModuleSpec>;

/** A switchable module's key (`commerce`). */
export type KabarModule = keyof typeof MODULE_SPECS;

/** Every switchable module, in registry order. */
export const KABAR_MODULES = Object.keys(MODULE_SPECS) as KabarModule[];

/** Whether `key` names a switchable module. */
function isKabarModule(key: string): key is KabarModule {
  return (KABAR_MODULES as string[]).includes(key);
}

/** The module that owns a permission key, or undefined for keys no module owns (`settings.update`). */
export function moduleOfPermission(key: Permission): KabarModule | undefined {
  const prefix = key.split(".")[0];
  return KABAR_MODULES.find((m) => (MODULE_SPECS[m].permissions as readonly string[]).includes(prefix!));
}

/**
 * The modules a route belongs to: the module owning its path prefix and the one owning its
 * declared permission (a list of permissions counts when all of them belong to one module).
 * @param path the route under /api/v1, Fastify's `:param` form (`/orders/:id`)
 * @param need the route's declared permission(s) (src/http/route-permissions.ts), or none
 */
export function routeModules(
  path: string,
  need: Permission | readonly Permission[] | undefined,
): KabarModule[] {
  const out = new Set<KabarModule>();
  for (const m of KABAR_MODULES)
    if (MODULE_SPECS[m].paths.some((p) => path === p || path.startsWith(`${p}/`))) out.add(m);
  const keys = need === undefined ? [] : typeof need === "string" ? [need] : need;
  const owners = new Set(keys.map(moduleOfPermission));
  const [owner] = owners;
  if (owners.size === 1 && owner) out.add(owner);
  return KABAR_MODULES.filter((m) => out.has(m));
}

/** `permissions` without the keys of the `disabled` modules, order kept. */
export function withoutDisabled<P extends Permission>(
  permissions: readonly P[],
  disabled: ReadonlySet<KabarModule>,
): P[] {
  if (disabled.size === 0) return [...permissions];
  return permissions.filter((p) => {
    const m = moduleOfPermission(p);
    return m === undefined || !disabled.has(m);
  });
}

/** The switched-off modules of a stored `tenants.disabled_modules` value (unknown names, dropped from the registry, are ignored). */
export function disabledSet(stored: readonly string[] | null | undefined): ReadonlySet<KabarModule> {
  return new Set((stored ?? []).filter(isKabarModule));
}

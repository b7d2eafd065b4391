/**
 * The permission registry (issue 13): every permission key, grouped by module, and the
 * built-in roles as permission sets. Service verbs check a key with `requirePermission`
 * (src/lib/actor.ts); docs/permissions.md is generated from this file
 * (`npm run docs:permissions`); the web catalogue labels each key
 * (web/src/i18n/{id,en}/permissions.ts).
 */

/**
 * Every permission, grouped by module: module → its verbs. A key is `module.verb`
 * (`orders.status`). The `what` of each verb says which of Kabar's operations it opens.
 */
export const PERMISSION_GROUPS = {
  contacts: {
    read: "See contacts, their labels, attributes, history, RFM segments and imports",
    create: "Add a contact by hand",
    update: "Edit contacts and their labels (one or in bulk)",
    delete: "Delete contacts (one or in bulk)",
    import: "Import contact files (CSV, XLSX, vCard)",
    export: "Download the contact list",
  },
  campaigns: {
    read: "See campaigns, their recipients and reports",
    create: "Draft and edit campaigns; change reminder settings",
    start: "Start, schedule, pause, resume and retry campaigns; run reminders",
    cancel: "Cancel a campaign",
  },
  channels: {
    read: "See the shop's WhatsApp numbers, their health and message templates",
    connect: "Link a number (QR, pairing code), connect, disconnect and log it out",
    manage: "Add numbers, change their settings, teams and WhatsApp templates",
  },
  inbox: {
    view_all: "See every conversation",
    view_assigned:
      "See only the conversations assigned to oneself (list, search, thread, notes, live events); with view_all, every one",
    reply: "Reply, mark read, resolve, snooze and label conversations; take an unassigned one",
    assign: "Assign a conversation to someone else",
    transfer: "Move a conversation someone else holds",
    notes: "Read and write internal notes",
  },
  templates: {
    read: "See message templates and quick replies",
    create: "Create templates and quick replies",
    update: "Edit templates and quick replies",
    delete: "Delete templates and quick replies",
  },
  automation: {
    read: "See automation rules and their log; try which rule would answer",
    create: "Create automation rules",
    update: "Edit automation rules",
    delete: "Delete automation rules",
  },
  products: {
    read: "See the product catalogue",
    create: "Add products and upload their images",
    update: "Edit products",
    delete: "Delete products",
    import: "Import product files",
    export: "Download the product list",
  },
  orders: {
    read: "See orders, their messages and COD confirmations",
    create: "Take an order",
    update: "Edit an order",
    status: "Move an order's status",
    export: "Download orders",
  },
  reports: {
    read: "See the dashboard and sales reports",
    export: "Download reports",
  },
  users: {
    read: "See the shop's staff",
    create: "Add staff",
    update: "Change staff (role, inbox settings)",
    delete: "Remove staff",
  },
  roles: {
    read: "See roles and their permissions",
    create: "Create custom roles",
    update: "Change custom roles",
    delete: "Delete custom roles",
  },
  outlets: {
    read: "See the shop's outlets (branches) one works in",
    manage: "Add, change and delete outlets",
  },
  settings: {
    read: "See the shop's settings",
    update: "Change the shop's settings, order messages and segment thresholds",
  },
  api_keys: {
    read: "See API keys",
    create: "Make API keys",
    revoke: "Revoke API keys",
  },
  webhooks: {
    read: "See outgoing webhooks and their deliveries",
    create: "Add webhook endpoints",
    update: "Change, test, rotate and redeliver webhooks",
    delete: "Delete webhook endpoints",
  },
  audit: {
    read: "See the audit log",
  },
  billing: {
    read: "See the shop's plan and invoices",
    manage: "Change the plan and pay",
  },
} as const;

type Groups = typeof PERMISSION_GROUPS;
/** A module of the registry (`orders`). */
export type PermissionModule = keyof Groups;
/** One permission key, `module.verb` (`orders.status`). */
export type Permission = { [M in PermissionModule]: `${M}.${keyof Groups[M] & string}` }[PermissionModule];

/** Every permission key, in registry order. */
export const PERMISSIONS: readonly Permission[] = Object.entries(PERMISSION_GROUPS).flatMap(([m, verbs]) =>
  Object.keys(verbs).map((v) => `${m}.${v}` as Permission),
);

const KNOWN = new Set<string>(PERMISSIONS);

/** Whether `key` is a permission of the registry. */
export function isPermission(key: string): key is Permission {
  return KNOWN.has(key);
}

/** The description of a permission (the registry's English text; the web app shows its catalogue label). */
export function permissionWhat(key: Permission): string {
  const [m, v] = key.split(".") as [PermissionModule, string];
  return (PERMISSION_GROUPS[m] as Record<string, string>)[v]!;
}

/** The built-in roles, most powerful first. */
export const BUILT_IN_ROLES = ["owner", "admin", "manager", "supervisor", "agent", "viewer"] as const;
/** A built-in role's key. */
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const all = (...modules: PermissionModule[]): Permission[] =>
  PERMISSIONS.filter((p) => modules.includes(p.split(".")[0] as PermissionModule));
const reads = PERMISSIONS.filter((p) => p.endsWith(".read"));
const without = (set: readonly Permission[], ...drop: Permission[]) => set.filter((p) => !drop.includes(p));

/** A built-in role: its permission set and what it is for. */
interface BuiltInRoleSpec {
  permissions: readonly Permission[];
  what: string;
}

/**
 * The built-in roles as permission sets. Existing `owner` users are owners; existing
 * `agent` users keep the inbox and contacts work they had (no deleting, importing or
 * exporting contacts, which the CS role does not need), plus orders without export.
 */
export const BUILT_IN_ROLE_SPECS: Record<BuiltInRole, BuiltInRoleSpec> = {
  owner: { permissions: PERMISSIONS, what: "Everything, including billing and the owner role itself" },
  admin: {
    permissions: without(PERMISSIONS, "billing.manage"),
    what: "Runs the shop: everything but billing; cannot touch owners",
  },
  manager: {
    permissions: [
      ...all("contacts", "campaigns", "inbox", "templates", "automation", "products", "orders", "reports"),
      "channels.read",
      "users.read",
      "roles.read",
      "settings.read",
      "outlets.read",
      "audit.read",
    ],
    what: "Day-to-day operations: customers, broadcasts, inbox, catalogue, orders and reports; no numbers, staff or keys",
  },
  supervisor: {
    permissions: [
      ...without(all("contacts"), "contacts.delete", "contacts.import"),
      ...all("inbox"),
      ...without(all("orders"), "orders.export"),
      "campaigns.read",
      "channels.read",
      "templates.read",
      "automation.read",
      "products.read",
      "reports.read",
      "users.read",
    ],
    what: "Leads the CS team: the whole inbox (assign, transfer), contacts and orders; reads the rest",
  },
  agent: {
    permissions: [
      "inbox.view_all",
      "inbox.view_assigned",
      "inbox.reply",
      "inbox.notes",
      "contacts.read",
      "contacts.create",
      "contacts.update",
      "orders.read",
      "orders.create",
      "orders.update",
      "orders.status",
      "channels.read",
      "templates.read",
      "products.read",
      "automation.read",
    ],
    what: "Customer service: the inbox, contacts and taking orders; no numbers, broadcasts, reminders or staff",
  },
  viewer: {
    permissions: [...without(reads, "billing.read"), "inbox.view_all", "inbox.view_assigned"],
    what: "Reads everything but billing, changes nothing",
  },
};

/** Whether `role` is a built-in role key. */
export function isBuiltInRole(role: string): role is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(role);
}

const BUILT_IN_SETS = Object.fromEntries(
  BUILT_IN_ROLES.map((r) => [r, new Set(BUILT_IN_ROLE_SPECS[r].permissions)]),
) as unknown as Record<BuiltInRole, ReadonlySet<Permission>>;

/** The permission set of a built-in role (one shared frozen-by-convention set per role). */
export function builtInPermissions(role: BuiltInRole): ReadonlySet<Permission> {
  return BUILT_IN_SETS[role];
}

/**
 * docs/permissions.md, and the built-in roles' permission sets for the web app's tests
 * (web/src/api/built-in-roles.json: the web never imports src/), generated from the
 * permission registry (src/lib/permissions.ts). `npm run docs:permissions` rewrites both;
 * src/permissions-doc.test.ts fails when either is stale.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  BUILT_IN_ROLE_SPECS,
  BUILT_IN_ROLES,
  PERMISSION_GROUPS,
  type Permission,
  PERMISSIONS,
  permissionWhat,
} from "./lib/permissions.js";
import { KABAR_MODULES, MODULE_SPECS } from "./lib/modules.js";

/** Where the generated document lives. */
export const PERMISSIONS_DOC_PATH = fileURLToPath(new URL("../docs/permissions.md", import.meta.url));

/** Where the built-in roles' permission sets are written for the web app. */
export const BUILT_IN_ROLES_JSON_PATH = fileURLToPath(
  new URL("../web/src/api/built-in-roles.json", import.meta.url),
);

/** The whole of web/src/api/built-in-roles.json: built-in role → its permission keys. */
export function renderBuiltInRolesJson(): string {
  const sets = Object.fromEntries(BUILT_IN_ROLES.map((r) => [r, [...BUILT_IN_ROLE_SPECS[r].permissions]]));
  return `${JSON.stringify(sets, null, 2)}\n`;
}

/** The whole of docs/permissions.md. */
export function renderPermissionsDoc(): string {
  const out: string[] = [
    "# Permissions",
    "",
    "<!-- Generated from src/lib/permissions.ts by `npm run docs:permissions`: do not edit by hand. -->",
    "",
    "Every service verb checks one permission of the actor first (`requirePermission`,",
    "src/lib/actor.ts), so HTTP, sockets, the CLI and jobs obey the same rules; each HTTP",
    "route declares the permission it needs (src/http/route-permissions.ts, checked before",
    "the body is read and proved by test/permission-matrix.test.ts). A person holds a",
    "built-in role or a custom role of the shop (`GET/POST/PATCH/DELETE /roles`). Nobody",
    "grants a permission they do not hold, only an owner gives or changes the owner role,",
    "and the last owner keeps it. API keys keep their scopes (docs/webhooks.md).",
    "",
    "## Built-in roles",
    "",
    "Built-in roles live in the code, not in the database: they cannot be edited or",
    "deleted, and a new permission reaches them with a release. Custom roles are rows of",
    "`roles` (per shop), made from scratch or cloned from a built-in role (`clonedFrom`).",
    "Users who were `owner` before roles existed are owners; `agent` users keep the inbox,",
    "contacts (no delete, import or export) and orders (no export).",
    "",
    "| role | what for | permissions |",
    "| --- | --- | --- |",
  ];
  for (const role of BUILT_IN_ROLES) {
    const { permissions, what } = BUILT_IN_ROLE_SPECS[role];
    const count =
      permissions.length === PERMISSIONS.length ? "all" : `${permissions.length} of ${PERMISSIONS.length}`;
    out.push(`| \`${role}\` | ${what} | ${count} |`);
  }
  out.push("", "## Permissions by module", "");
  out.push(`| permission | what it opens | ${BUILT_IN_ROLES.join(" | ")} |`);
  out.push(`| --- | --- | ${BUILT_IN_ROLES.map(() => ":-:").join(" | ")} |`);
  for (const module of Object.keys(PERMISSION_GROUPS)) {
    for (const key of PERMISSIONS.filter((p) => p.startsWith(`${module}.`))) {
      const marks = BUILT_IN_ROLES.map((r) =>
        (BUILT_IN_ROLE_SPECS[r].permissions as readonly Permission[]).includes(key) ? "✓" : "",
      );
      out.push(`| \`${key}\` | ${permissionWhat(key)} | ${marks.join(" | ")} |`);
    }
  }
  out.push(
    "",
    "## Module switches",
    "",
    "A shop's owner (`settings.update`) switches modules off in the shop settings",
    "(`PATCH /tenant` `disabledModules`; registry: src/lib/modules.ts). All are on by default.",
    "A switched-off module's permission keys are dropped from every actor of the shop (the",
    "session, API keys, sockets' rooms, the web menu), its routes answer 403 `module_disabled`",
    "naming it (a route belongs to the module of its path prefix and of its permission), and",
    "its jobs skip the shop. Templates belong to no module (reminders, automation, order",
    "messages and quick replies send them).",
    "",
    "| module | covers | permission keys | routes under |",
    "| --- | --- | --- | --- |",
  );
  for (const m of KABAR_MODULES) {
    const spec = MODULE_SPECS[m];
    const keys = spec.permissions.map((p) => `\`${p}.*\``).join(", ") || "—";
    const paths = spec.paths.map((p) => `\`${p}\``).join(", ");
    out.push(`| \`${m}\` | ${spec.what} | ${keys} | ${paths} |`);
  }
  return `${out.join("\n")}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(PERMISSIONS_DOC_PATH, renderPermissionsDoc());
  writeFileSync(BUILT_IN_ROLES_JSON_PATH, renderBuiltInRolesJson());
  console.log(`wrote ${PERMISSIONS_DOC_PATH} and ${BUILT_IN_ROLES_JSON_PATH}`);
}

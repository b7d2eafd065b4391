import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "./lib/permissions.js";
import {
  BUILT_IN_ROLES_JSON_PATH,
  PERMISSIONS_DOC_PATH,
  renderBuiltInRolesJson,
  renderPermissionsDoc,
} from "./permissions-doc.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The `permissions.key` tree of one language of the web catalogue, flattened to `module.verb`. */
function labelled(language: "id" | "en"): string[] {
  const tree = JSON.parse(readFileSync(`${ROOT}web/src/i18n/${language}/permissions.json`, "utf8")) as {
    permissions: { key: Record<string, Record<string, string>> };
  };
  return Object.entries(tree.permissions.key).flatMap(([m, verbs]) =>
    Object.keys(verbs).map((v) => `${m}.${v}`),
  );
}

describe("permission registry", () => {
  it("docs/permissions.md is what the registry generates (run `npm run docs:permissions`)", () => {
    expect(readFileSync(PERMISSIONS_DOC_PATH, "utf8")).toBe(renderPermissionsDoc());
  });

  it("web/src/api/built-in-roles.json is what the registry generates (run `npm run docs:permissions`)", () => {
    expect(readFileSync(BUILT_IN_ROLES_JSON_PATH, "utf8")).toBe(renderBuiltInRolesJson());
  });

  it("the web app labels every permission, in Indonesian and English, and no other", () => {
    expect(labelled("id").sort()).toEqual([...PERMISSIONS].sort());
    expect(labelled("en").sort()).toEqual([...PERMISSIONS].sort());
  });
});

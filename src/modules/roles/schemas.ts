/** The roles API contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";
import { BUILT_IN_ROLES, PERMISSIONS } from "../../lib/permissions.js";

const permissionList = z
  .array(z.enum(PERMISSIONS as [string, ...string[]]))
  .max(PERMISSIONS.length * 2)
  .describe("Permission keys (docs/permissions.md)");

/** A role as the API shows it: a built-in one (`key`, no id) or the shop's own (`id`, key `custom`). */
export const roleSchema = z.object({
  id: z.uuid().nullable().describe("The custom role's id; null for a built-in role"),
  key: z.enum([...BUILT_IN_ROLES, "custom"]).describe("The built-in role, or `custom`"),
  name: z.string().describe("A custom role's name; a built-in role's key (the web app names it)"),
  builtIn: z.boolean(),
  permissions: z.array(z.string()),
  clonedFrom: z.enum(BUILT_IN_ROLES).nullable(),
});
export type RoleDto = z.infer<typeof roleSchema>;

/** POST /roles: a custom role, from scratch (`permissions`) or cloned from a built-in role (`clonedFrom`, plus any `permissions`). */
export const createRoleBody = z.object({
  name: z.string().trim().min(1).max(60),
  permissions: permissionList.default([]),
  clonedFrom: z.enum(BUILT_IN_ROLES).optional().describe("Start from this built-in role's permissions"),
});
export type CreateRoleInput = z.infer<typeof createRoleBody>;

/** PATCH /roles/:id: rename and/or replace the permission set. */
export const updateRoleBody = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  permissions: permissionList.optional(),
});
export type UpdateRoleInput = z.infer<typeof updateRoleBody>;

z.globalRegistry.add(createRoleBody, { id: "CreateRole" });
z.globalRegistry.add(updateRoleBody, { id: "UpdateRole" });

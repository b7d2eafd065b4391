/** The users API contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";
import { BUILT_IN_ROLES } from "../../lib/permissions.js";

const roleChoice = {
  role: z.enum(BUILT_IN_ROLES).optional().describe("A built-in role (docs/permissions.md); default agent"),
  roleId: z.uuid().optional().describe("A custom role of the shop (GET /roles); wins over `role`"),
};

/** POST /users (users.create): a new user of the caller's shop. */
export const createUserBody = z.object({
  email: z.email().max(254).describe("Signs in with it; unique within the shop"),
  name: z.string().trim().min(1).max(100),
  password: z.string().min(8).max(200).describe("At least 8 characters"),
  ...roleChoice,
});
export type CreateUserInput = z.infer<typeof createUserBody>;

/** PATCH /users/:id (users.update): a new name and/or role. */
export const updateUserBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  ...roleChoice,
});
export type UpdateUserInput = z.infer<typeof updateUserBody>;

/** A user as the API shows it (never the password hash). */
export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum([...BUILT_IN_ROLES, "custom"]),
  roleId: z.uuid().nullable().describe("The custom role's id when role is `custom`"),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(createUserBody, { id: "CreateUser" });
z.globalRegistry.add(updateUserBody, { id: "UpdateUser" });

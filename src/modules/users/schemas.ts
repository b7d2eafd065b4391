/** The users API contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";
import { BUILT_IN_ROLES } from "../../lib/permissions.js";

/** The outlets a user works in (issue 13). */
const outletIds = z
  .array(z.uuid())
  .max(200)
  .optional()
  .describe(
    "The outlets the user works in (GET /outlets); [] or absent: every outlet. Someone limited to outlets gives only theirs (absent: their own)",
  );

const roleChoice = {
  role: z.enum(BUILT_IN_ROLES).optional().describe("A built-in role (docs/permissions.md); default agent"),
  roleId: z.uuid().optional().describe("A custom role of the shop (GET /roles); wins over `role`"),
};

/** POST /users (users.create): a new user of the caller's shop. */
export const createUserBody = z.object({
  email: z.email().max(254).describe("Signs in with it; unique within the shop"),
  name: z.string().trim().min(1).max(100),
  password: z
    .string()
    .min(8)
    .max(200)
    .optional()
    .describe(
      "A temporary password, at least 8 characters; omitted: one is generated and shown once in the answer. The user must change it at their next sign-in",
    ),
  ...roleChoice,
  outletIds,
});
export type CreateUserInput = z.infer<typeof createUserBody>;

/** PATCH /users/:id (users.update): a new name and/or role, (de)activation, a password reset. */
export const updateUserBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  ...roleChoice,
  outletIds: outletIds.describe("Replaces the outlets the user works in; []: every outlet"),
  active: z
    .boolean()
    .optional()
    .describe(
      "false deactivates the user (no sign-in; their sessions and sockets end at once, their conversations go back to the queue); true reactivates",
    ),
  resetPassword: z
    .object({
      password: z
        .string()
        .min(8)
        .max(200)
        .optional()
        .describe(
          "The temporary password, at least 8 characters; omitted: one is generated and shown once in the answer",
        ),
    })
    .optional()
    .describe("Sets a temporary password the user must change at next sign-in; their sessions end"),
});
export type UpdateUserInput = z.infer<typeof updateUserBody>;

/** A user as the API shows it (never the password hash). */
export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum([...BUILT_IN_ROLES, "custom"]),
  roleId: z.uuid().nullable().describe("The custom role's id when role is `custom`"),
  outletIds: z.array(z.uuid()).describe("The outlets the user works in; []: every outlet"),
  mustChangePassword: z.boolean().describe("Holds a temporary password not yet changed"),
  deactivatedAt: z.string().nullable().describe("When the user was deactivated; null while active"),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

/** The answer of POST /users and PATCH /users/:id: the user, and a generated temporary password. */
export const userWithPasswordSchema = userSchema.extend({
  temporaryPassword: z
    .string()
    .nullable()
    .describe(
      "The temporary password Kabar generated, shown only in this answer; null when none was generated",
    ),
});
export type UserWithPasswordDto = z.infer<typeof userWithPasswordSchema>;

/** POST /auth/password (any signed-in person): their own new password. */
export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(8).max(200).describe("At least 8 characters, as when a user is added"),
});
export type ChangePasswordInput = z.infer<typeof changePasswordBody>;

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(createUserBody, { id: "CreateUser" });
z.globalRegistry.add(updateUserBody, { id: "UpdateUser" });
z.globalRegistry.add(changePasswordBody, { id: "ChangePassword" });

/** The users API contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";

/** POST /users (owner only): a new user of the caller's shop. */
export const createUserBody = z.object({
  email: z.email().max(254).describe("Signs in with it; unique within the shop"),
  name: z.string().trim().min(1).max(100),
  password: z.string().min(8).max(200).describe("At least 8 characters"),
  role: z.enum(["owner", "agent"]).default("agent"),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

/** A user as the API shows it (never the password hash). */
export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["owner", "agent"]),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(createUserBody, { id: "CreateUser" });

/** The API's shape of a signed-in user: POST /auth/sign-in, GET /auth/me, and POST /signup (SaaS mode). */
import { z } from "zod";
import { BUILT_IN_ROLES, PERMISSIONS } from "../../lib/permissions.js";

const USER_ROLE_KEYS = [...BUILT_IN_ROLES, "custom"] as const;

/** A signed-in user (`SessionUser` in the web app's generated types). */
export const userSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(USER_ROLE_KEYS).describe("A built-in role, or `custom` (roleId names the shop's role)"),
  roleId: z.uuid().nullable(),
  roleName: z.string().nullable().describe("The custom role's name; null for a built-in role"),
  permissions: z.array(z.enum(PERMISSIONS)).describe("Every permission the user holds (docs/permissions.md)"),
  outletIds: z.array(z.uuid()).describe("The outlets the user is limited to; [] = every outlet"),
  mustChangePassword: z
    .boolean()
    .describe(
      "Signed in with a temporary password: only sign-out, session and POST /auth/password work until it is changed",
    ),
});
/** Its name in the OpenAPI document, which the web app's generated types use. */
z.globalRegistry.add(userSchema, { id: "SessionUser" });

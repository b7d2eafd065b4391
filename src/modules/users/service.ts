import type { Db } from "../../db/client.js";
import { requireOwner, type Actor } from "../../lib/actor.js";
import { userErrors } from "./errors.js";
import { insertUserIfNew } from "./queries.js";
import { hashPassword } from "../auth/index.js";
import type { CreateUserInput, UserDto } from "./schemas.js";

/** The shop's users (owners and agents). Agents' presence and load live in the assignment module. */
export function createUserService(db: Db) {
  return {
    /**
     * Adds a user to the caller's shop (owner only). The email is stored lower-cased; the
     * password only as its Argon2id hash.
     * @throws KabarError 403 `forbidden` for an agent; 409 `email_taken` when a user of the
     *   same shop already has that email. E-mails are unique per shop only (sign-in picks the
     *   account by password, src/modules/auth/service.ts), so a user of another shop with
     *   the same e-mail changes nothing: the answer never tells who uses Kabar elsewhere.
     */
    async create(actor: Actor, input: CreateUserInput): Promise<UserDto> {
      requireOwner(actor);
      const row = await insertUserIfNew(db, {
        tenantId: actor.tenantId,
        email: input.email.trim().toLowerCase(),
        name: input.name,
        passwordHash: await hashPassword(input.password),
        role: input.role,
      });
      if (!row) {
        throw userErrors.emailTaken();
      }
      return {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        createdAt: row.createdAt.toISOString(),
      };
    },
  };
}

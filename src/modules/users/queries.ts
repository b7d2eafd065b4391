/** Statements of the users module that other modules (the demo seed) also need. */
import type { Db } from "../../db/client.js";
import { users } from "../../db/schema/index.js";

/** A new user; the password only as its hash (auth module's `hashPassword`). */
export interface UserInsert {
  tenantId: string;
  /** Stored as given: lower-case it first. */
  email: string;
  name: string;
  passwordHash: string;
  role: "owner" | "agent";
}

/** Inserts a user. @throws the database's unique violation when the shop already has the e-mail */
export async function insertUser(db: Db, input: UserInsert): Promise<void> {
  await db.insert(users).values(input);
}

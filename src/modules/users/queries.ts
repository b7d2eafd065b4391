/** Statements of the users module (the `users` table's owner); the demo seed uses `insertUser`. */
import type { Db } from "../../db/client.js";
import { users } from "../../db/schema/index.js";

/** A new user; the password only as its hash (auth module's `hashPassword`). */
interface UserInsert {
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

/** A stored user. */
type UserRow = typeof users.$inferSelect;

/** Inserts a user unless the shop already has one with that e-mail. @returns the new row, or null when the e-mail is taken */
export async function insertUserIfNew(db: Db, input: UserInsert): Promise<UserRow | null> {
  const [row] = await db
    .insert(users)
    .values(input)
    .onConflictDoNothing({ target: [users.tenantId, users.email] })
    .returning();
  return row ?? null;
}

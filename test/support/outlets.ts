/**
 * Outlets for rows tests write straight to the database (issue 13): every channel belongs to
 * an outlet, and a shop a test inserts by hand has none until it is asked for here.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import { outlets } from "../../src/db/schema/index.js";

/** The shop's first outlet (oldest); one named "Pusat" is made for a shop that has none. @returns its id */
export async function defaultOutletId(db: Db, tenantId: string): Promise<string> {
  const [first] = await db
    .select({ id: outlets.id })
    .from(outlets)
    .where(eq(outlets.tenantId, tenantId))
    .orderBy(asc(outlets.createdAt), asc(outlets.id))
    .limit(1);
  if (first) return first.id;
  const [made] = await db
    .insert(outlets)
    .values({ tenantId, name: "Pusat" })
    .onConflictDoNothing()
    .returning({ id: outlets.id });
  return made?.id ?? defaultOutletId(db, tenantId);
}

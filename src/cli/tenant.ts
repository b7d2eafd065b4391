import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { tenants, users } from "../db/schema/index.js";
import type { Actor } from "../lib/actor.js";
import { disabledSet } from "../lib/modules.js";
import { CliError } from "./errors.js";
import { pickByIdOrName } from "./resolve.js";

/** A shop as the CLI needs it: who acts for it, and its time zone. */
export interface CliTenant {
  id: string;
  name: string;
  timeZone: string;
  /** The shop's owner (the first one), or a user-less owner actor when it has none. */
  actor: Actor;
}

/** Every shop in the database, oldest first, each with its owner as actor. */
export async function listTenants(db: Db): Promise<CliTenant[]> {
  const rows = await db
    .select({
      id: tenants.id,
      name: tenants.name,
      timeZone: tenants.timeZone,
      disabledModules: tenants.disabledModules,
    })
    .from(tenants)
    .orderBy(asc(tenants.createdAt));
  const out: CliTenant[] = [];
  for (const { disabledModules, ...t } of rows) {
    const [owner] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, t.id), eq(users.role, "owner")))
      .orderBy(asc(users.createdAt))
      .limit(1);
    // The shop's module switches bind the CLI too (src/lib/modules.ts).
    const actor: Actor = {
      tenantId: t.id,
      userId: owner?.id ?? null,
      role: "owner",
      disabledModules: disabledSet(disabledModules),
    };
    out.push({ ...t, actor });
  }
  return out;
}

/**
 * The shop a command acts for: the one `ref` names (id or name), or the only one.
 * @throws CliError when there is no shop yet, or several and no `--tenant`
 */
export async function resolveTenant(db: Db, ref: string | undefined): Promise<CliTenant> {
  const all = await listTenants(db);
  if (all.length === 0)
    throw new CliError("there is no shop in this database yet: start Kabar once (`npm start`) to create it");
  if (ref !== undefined) return pickByIdOrName(all, ref, "shop");
  if (all.length === 1) return all[0]!;
  const list = all.map((t) => `  ${t.id}  ${t.name}`).join("\n");
  throw new CliError(`this database has ${all.length} shops; choose one with --tenant <id>:\n${list}`);
}

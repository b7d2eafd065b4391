/** Statements of the api-keys module (the `api_keys` table's owner). */
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { apiKeys, tenants, users } from "../../db/schema/index.js";
import type { ApiScope } from "../../lib/actor.js";

/** A stored key with the name of the user who made it. */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const listed = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  createdByName: users.name,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Inserts a key (its hash only). @returns its id */
export async function insertApiKey(
  db: Db,
  input: {
    tenantId: string;
    name: string;
    prefix: string;
    keyHash: string;
    scopes: ApiScope[];
    createdBy: string | null;
  },
): Promise<string> {
  const [row] = await db.insert(apiKeys).values(input).returning({ id: apiKeys.id });
  return row!.id;
}

/** One key of the tenant, or null. */
export async function apiKeyById(db: Db, tenantId: string, id: string): Promise<ApiKeyRow | null> {
  const [row] = await db
    .select(listed)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
  return row ?? null;
}

/** The tenant's keys, newest first (revoked ones too). */
export async function apiKeysOf(db: Db, tenantId: string): Promise<ApiKeyRow[]> {
  return db
    .select(listed)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Marks the tenant's key revoked (a second revoke keeps the first time). @returns whether the tenant has the key */
export async function revokeApiKey(db: Db, tenantId: string, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (rows.length > 0) return true;
  return (await apiKeyById(db, tenantId, id)) !== null;
}

/** The key lookup, built once per database handle as a named prepared statement (`$keyHash`). */
const prepareKeyLookup = (db: Db) =>
  db
    .select({
      id: apiKeys.id,
      tenantId: apiKeys.tenantId,
      scopes: apiKeys.scopes,
      disabledModules: tenants.disabledModules,
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(and(eq(apiKeys.keyHash, sql.placeholder("keyHash")), isNull(apiKeys.revokedAt)))
    .prepare("api_key_by_hash");
const keyLookups = new WeakMap<Db, ReturnType<typeof prepareKeyLookup>>();

/**
 * The working (not revoked) key with this SHA-256 hash, or null. Read from the database on
 * every request (a revoked key is refused at once by every process), by a statement built
 * and planned once (every order API request runs it).
 */
export async function liveApiKeyByHash(
  db: Db,
  keyHash: string,
): Promise<{ id: string; tenantId: string; scopes: ApiScope[]; disabledModules: string[] } | null> {
  let lookup = keyLookups.get(db);
  if (!lookup) {
    lookup = prepareKeyLookup(db);
    keyLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ keyHash });
  return row ?? null;
}

/** Sets the key's last use to `at` unless it was set less than `minGapMs` before (so at most one write per gap, across processes). */
export async function touchApiKey(db: Db, id: string, at: Date, minGapMs: number): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(at.getTime() - minGapMs))),
      ),
    );
}

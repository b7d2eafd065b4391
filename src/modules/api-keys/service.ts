import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { disabledSet } from "../../lib/modules.js";
import { changesBetween, recordAudit } from "../audit/index.js";
import { requireShopWidePerson } from "../outlets/index.js";
import { apiKeyErrors } from "./errors.js";
import {
  apiKeyById,
  apiKeysOf,
  insertApiKey,
  liveApiKeyByHash,
  revokeApiKey,
  touchApiKey,
  type ApiKeyRow,
} from "./queries.js";
import type { ApiKeyDto, CreateApiKeyInput, CreatedApiKeyDto } from "./schemas.js";

/** Every API key starts with this; `Authorization: Bearer kbr_…` is a key, any other token a session. */
const API_KEY_MARK = "kbr_";
const LIVE_PREFIX = "kbr_live_";
/** How many leading characters of a key are stored in the clear to tell keys apart (`kbr_live_` + 4). */
const PREFIX_LENGTH = 13;
/** `last_used_at` is written at most once per this, per key, ms. */
const TOUCH_GAP_MS = 60_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Whether a bearer token is an API key (rather than a session token). */
export function isApiKeyToken(token: string): boolean {
  return token.startsWith(API_KEY_MARK);
}

function toDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * The shop's API keys for machine clients (its website sending orders). A key is
 * `kbr_live_` + 32 random bytes (base64url); only its SHA-256 is stored, like session
 * tokens, with its first 13 characters to tell keys apart. `now` is injectable for tests.
 */
export function createApiKeyService(db: Db, opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  /** When this process last wrote each key's last use, ms since the epoch. */
  const touched = new Map<string, number>();

  return {
    /**
     * Makes a key (owner only). The answer holds the whole key: it is never shown again.
     * @throws KabarError 403 `forbidden` for an agent or an API key, 403 `all_outlets_only` for someone limited to outlets.
     */
    async create(actor: Actor, input: CreateApiKeyInput): Promise<CreatedApiKeyDto> {
      requireShopWidePerson(actor, "api_keys.create");
      const key = LIVE_PREFIX + randomBytes(32).toString("base64url");
      // The key and its audit entry (never the key: its name, prefix and scopes) commit together.
      const row = await db.transaction(async (tx) => {
        const id = await insertApiKey(tx, {
          tenantId: actor.tenantId,
          name: input.name,
          prefix: key.slice(0, PREFIX_LENGTH),
          keyHash: sha256(key),
          scopes: [...input.scopes],
          createdBy: actor.userId,
        });
        const made = (await apiKeyById(tx, actor.tenantId, id))!;
        await recordAudit(tx, actor, {
          action: "api_key.create",
          target: { type: "api_key", id, name: input.name },
          changes: changesBetween({}, { name: input.name, prefix: made.prefix, scopes: made.scopes }),
        });
        return made;
      });
      return { ...toDto(row), key };
    },

    /** The shop's keys, newest first, revoked ones too (owner only). @throws KabarError 403 `forbidden` / `all_outlets_only` */
    async list(actor: Actor): Promise<ApiKeyDto[]> {
      requireShopWidePerson(actor, "api_keys.read");
      return (await apiKeysOf(db, actor.tenantId)).map(toDto);
    },

    /**
     * Revokes a key (owner only; idempotent): from now on it is refused (401) by every
     * process, since each request looks the key up in the database.
     * @throws KabarError 403 `forbidden` / `all_outlets_only`; 404 `api_key_not_found` when the shop has no such key.
     */
    async revoke(actor: Actor, id: string): Promise<void> {
      requireShopWidePerson(actor, "api_keys.revoke");
      await db.transaction(async (tx) => {
        if (!(await revokeApiKey(tx, actor.tenantId, id, now()))) throw apiKeyErrors.notFound();
        const row = await apiKeyById(tx, actor.tenantId, id);
        await recordAudit(tx, actor, {
          action: "api_key.revoke",
          target: { type: "api_key", id, name: row?.name ?? null },
          changes: changesBetween({ revoked: false }, { revoked: true }),
        });
      });
    },

    /**
     * The actor of a working key: the shop's owner role with the key's scopes and no user,
     * or null when the key is unknown or revoked. Records the use (at most one write a
     * minute per key).
     */
    async authenticate(token: string): Promise<Actor | null> {
      if (!isApiKeyToken(token)) return null;
      const row = await liveApiKeyByHash(db, sha256(token));
      if (!row) return null;
      const at = now();
      const last = touched.get(row.id);
      if (last === undefined || at.getTime() - last >= TOUCH_GAP_MS) {
        touched.set(row.id, at.getTime());
        await touchApiKey(db, row.id, at, TOUCH_GAP_MS);
      }
      return {
        tenantId: row.tenantId,
        userId: null,
        role: "owner",
        apiKey: { id: row.id, scopes: row.scopes },
        disabledModules: disabledSet(row.disabledModules),
      };
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;

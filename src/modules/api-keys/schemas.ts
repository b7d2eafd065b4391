/** The API keys contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";
import { API_SCOPES } from "../../lib/actor.js";

/** POST /api-keys (owner only): a new key's name and what it may do. */
export const createApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100).describe("What the key is for, e.g. “Website toko”"),
  scopes: z
    .array(z.enum(API_SCOPES))
    .min(1)
    .max(API_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, "each scope once")
    .describe("What the key may do"),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyBody>;

/** An API key as the API lists it: never the key itself nor its hash. */
export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The key's first 13 characters (`kbr_live_` and 4 more), to tell keys apart. */
  prefix: z.string().describe("The key's first 13 characters, e.g. kbr_live_ab12"),
  scopes: z.array(z.enum(API_SCOPES)),
  createdAt: z.string(),
  /** Name of the owner who made it; null once that user is removed. */
  createdByName: z.string().nullable(),
  /** Last request made with it (updated at most once a minute); null when never used. */
  lastUsedAt: z.string().nullable(),
  /** When it was revoked; null while it works. */
  revokedAt: z.string().nullable(),
});
export type ApiKeyDto = z.infer<typeof apiKeySchema>;

/** The answer of POST /api-keys: the listed fields and, this once only, the whole key. */
export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().describe("The whole key (kbr_live_…): shown this once, never again"),
});
export type CreatedApiKeyDto = z.infer<typeof createdApiKeySchema>;

z.globalRegistry.add(apiKeySchema, { id: "ApiKey" });
z.globalRegistry.add(createdApiKeySchema, { id: "CreatedApiKey" });
// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(createApiKeyBody, { id: "CreateApiKey" });

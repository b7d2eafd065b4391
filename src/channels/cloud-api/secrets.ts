/**
 * A Cloud API channel's secrets, sealed at rest in `channel_secrets` (AES-256-GCM under
 * KABAR_SECRET_KEY, the channel id as associated data, see src/lib/crypto.ts). Never
 * logged, never returned by the API.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../../db/client.js";
import { channelSecrets } from "../../db/schema/index.js";
import { open, seal } from "../../lib/crypto.js";

/**
 * - `accessToken`: a System User access token with the `whatsapp_business_messaging` and
 *   `whatsapp_business_management` permissions (sent as `Authorization: Bearer …`);
 * - `appSecret`: the Meta app's secret (App settings → Basic), the HMAC key of the
 *   webhook's `X-Hub-Signature-256` header;
 * - `verifyToken`: a string the owner chooses and types into the app's webhook settings;
 *   Meta echoes it as `hub.verify_token` in the verification request.
 */
export const cloudApiSecretsSchema = z.object({
  accessToken: z.string().min(1),
  appSecret: z.string().min(1),
  verifyToken: z.string().min(1),
});

/** The secrets of one Cloud API channel. */
export type CloudApiSecrets = z.infer<typeof cloudApiSecretsSchema>;

/**
 * Seals `secrets` as one JSON object under `key` (32 bytes) and stores it for the channel,
 * replacing what was there. `db` may be a transaction, so a new channel row and its
 * secrets commit together.
 * @throws Error when `key` is not 32 bytes or `secrets` is incomplete
 */
export async function saveCloudApiSecrets(
  db: Db | Tx,
  key: Buffer,
  channel: { id: string; tenantId: string },
  secrets: CloudApiSecrets,
): Promise<void> {
  const sealed = seal(key, JSON.stringify(cloudApiSecretsSchema.parse(secrets)), channel.id);
  await db
    .insert(channelSecrets)
    .values({ channelId: channel.id, tenantId: channel.tenantId, sealed })
    .onConflictDoUpdate({ target: channelSecrets.channelId, set: { sealed, updatedAt: sql`now()` } });
}

/**
 * The channel's secrets, or null when none are stored.
 * @throws Error when the sealed value does not open under `key` (wrong key, tampered or
 *   copied from another channel) or is not a complete secrets object
 */
export async function loadCloudApiSecrets(
  db: Db | Tx,
  key: Buffer,
  channelId: string,
): Promise<CloudApiSecrets | null> {
  const [row] = await db
    .select({ sealed: channelSecrets.sealed })
    .from(channelSecrets)
    .where(eq(channelSecrets.channelId, channelId));
  if (!row) return null;
  return cloudApiSecretsSchema.parse(JSON.parse(open(key, row.sealed, channelId).toString("utf8")));
}

/** Wipes the channel's secrets (logout). */
export async function deleteCloudApiSecrets(db: Db | Tx, channelId: string): Promise<void> {
  await db.delete(channelSecrets).where(eq(channelSecrets.channelId, channelId));
}

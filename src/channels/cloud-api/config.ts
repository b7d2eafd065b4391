/**
 * The non-secret settings of a WhatsApp Cloud API channel, stored in `channels.config`.
 * The secrets (access token, app secret, verify token) live sealed in `channel_secrets`
 * (see secrets.ts).
 */
import { z } from 'zod';

/** Graph API version Kabar was written against (Meta keeps each version for ~2 years). */
export const DEFAULT_GRAPH_VERSION = 'v21.0';
/** Meta's Graph API host. Tests point `baseUrl` at a fake server. */
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

/**
 * `channels.config` of a `cloud_api` channel:
 * - `phoneNumberId`: the business phone number's id (WhatsApp Manager → API Setup), the
 *   `/<PHONE_NUMBER_ID>/messages` node of the send endpoint;
 * - `wabaId`: the WhatsApp Business Account id, the `/<WABA_ID>/message_templates` node;
 * - `graphVersion`: e.g. "v21.0" (default {@link DEFAULT_GRAPH_VERSION});
 * - `baseUrl`: scheme and host without a trailing slash (default {@link DEFAULT_GRAPH_BASE_URL}).
 */
export const cloudApiConfigSchema = z.object({
  phoneNumberId: z.string().regex(/^\d{1,32}$/, 'Must be the numeric phone number id'),
  wabaId: z.string().regex(/^\d{1,32}$/, 'Must be the numeric WhatsApp Business Account id'),
  graphVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, 'Must look like "v21.0"')
    .default(DEFAULT_GRAPH_VERSION),
  baseUrl: z
    .string()
    .refine((u) => /^https?:\/\//.test(u) && URL.canParse(u), 'Must be an http(s) URL')
    .transform((u) => u.replace(/\/+$/, ''))
    .default(DEFAULT_GRAPH_BASE_URL),
});

/** A parsed Cloud API channel configuration (defaults filled in). */
export type CloudApiConfig = z.infer<typeof cloudApiConfigSchema>;

/**
 * Parses `channels.config` of a Cloud API channel.
 * @throws Error naming the bad field when the config is missing or invalid
 */
export function parseCloudApiConfig(config: Record<string, unknown>): CloudApiConfig {
  const parsed = cloudApiConfigSchema.safeParse(config);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`invalid Cloud API channel config: ${first ? `${first.path.join('.')}: ${first.message}` : 'unknown error'}`);
  }
  return parsed.data;
}

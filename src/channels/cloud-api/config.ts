/**
 * The non-secret settings of a WhatsApp Cloud API channel, stored in `channels.config`.
 * The secrets (access token, app secret, verify token) live sealed in `channel_secrets`
 * (see secrets.ts).
 */
import { z } from "zod";

/** Graph API version Kabar was written against (Meta keeps each version for ~2 years). */
const DEFAULT_GRAPH_VERSION = "v21.0";
/**
 * Meta's Graph API host, the only one a shop's channel talks to. An operator may point
 * every channel elsewhere with KABAR_CLOUD_API_BASE_URL (tests: a fake Graph on 127.0.0.1).
 */
export const DEFAULT_GRAPH_BASE_URL = "https://graph.facebook.com";

/**
 * `channels.config` of a `cloud_api` channel:
 * - `phoneNumberId`: the business phone number's id (WhatsApp Manager → API Setup), the
 *   `/<PHONE_NUMBER_ID>/messages` node of the send endpoint;
 * - `wabaId`: the WhatsApp Business Account id, the `/<WABA_ID>/message_templates` node;
 * - `graphVersion`: e.g. "v21.0" (default {@link DEFAULT_GRAPH_VERSION}).
 * A `baseUrl` stored by earlier versions is ignored: the Graph host is operator-level only.
 */
export const cloudApiConfigSchema = z.object({
  phoneNumberId: z.string().regex(/^\d{1,32}$/, "Must be the numeric phone number id"),
  wabaId: z.string().regex(/^\d{1,32}$/, "Must be the numeric WhatsApp Business Account id"),
  graphVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, 'Must look like "v21.0"')
    .default(DEFAULT_GRAPH_VERSION),
});

/** True for Meta's Graph host itself, the only `baseUrl` a shop's request may name. */
export function isMetaGraphUrl(u: string): boolean {
  return /^https:\/\/graph\.facebook\.com\/*$/i.test(u.trim());
}

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
    throw new Error(
      `invalid Cloud API channel config: ${first ? `${first.path.join(".")}: ${first.message}` : "unknown error"}`,
    );
  }
  return parsed.data;
}

/**
 * True for a sandbox Cloud API number (`channels.config.sandbox`, written only by the
 * channel setup of `cloudApi: { sandbox: true }`): its Graph is the sandbox's in-process one.
 */
export function isSandboxCloudApi(config: Record<string, unknown>): boolean {
  return config.sandbox === true;
}

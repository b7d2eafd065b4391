/**
 * The WhatsApp Cloud API channel kind: public surface for the composition root, the
 * channel service and the webhook module.
 */
import type { Db } from "../../db/client.js";
import { GraphClient } from "./client.js";
import { DEFAULT_GRAPH_BASE_URL, parseCloudApiConfig } from "./config.js";
import { loadCloudApiSecrets } from "./secrets.js";
import { GraphApiError } from "./errors.js";
import type { TemplateDraft } from "./template-draft.js";
import { deleteTemplate, submitTemplate } from "./template-review.js";
import { syncTemplates } from "./templates.js";
import { graphTargetOf } from "./sandbox-graph/index.js";
export { draftProblems, type TemplateDraft } from "./template-draft.js";
export { applyTemplateReview, type TemplateReview } from "./template-review.js";
export {
  parameterFormatOf,
  parameterNames,
  syncedTemplate,
  syncedTemplates,
  templateParameters,
  type ParameterFormat,
} from "./templates.js";
export { sandboxGraph } from "./sandbox-graph/index.js";
export { waTemplateSchema } from "./template-ref.js";
export {
  createCloudApiKind,
  type CloudApiKindOptions,
} from "./transport.js";

/**
 * A Graph client for a channel from its stored config and secrets, for work outside a
 * live transport (template sync from the API, the channel-creation check). `graphBaseUrl`
 * is the operator's KABAR_CLOUD_API_BASE_URL (default Meta's Graph host); a sandbox number
 * talks to the sandbox's in-process Graph instead.
 * @throws Error when the config is invalid or no secrets are stored
 */
export async function graphClientFor(
  db: Db,
  secretKey: Buffer,
  channel: { id: string; config: Record<string, unknown> },
  graphBaseUrl: string = DEFAULT_GRAPH_BASE_URL,
): Promise<{ client: GraphClient; phoneNumberId: string; wabaId: string }> {
  const config = parseCloudApiConfig(channel.config);
  const secrets = await loadCloudApiSecrets(db, secretKey, channel.id);
  if (!secrets) throw new Error(`Cloud API channel ${channel.id} has no stored access token`);
  return {
    client: new GraphClient({
      ...config,
      ...graphTargetOf(channel, config, graphBaseUrl),
      accessToken: secrets.accessToken,
    }),
    phoneNumberId: config.phoneNumberId,
    wabaId: config.wabaId,
  };
}

/**
 * Syncs the channel's WhatsApp Business Account templates into `wa_templates` (see
 * `syncTemplates`), from the stored config and secrets.
 * @throws Error (no secrets, bad config), GraphApiError, GraphNetworkError
 */
export async function syncChannelTemplates(
  db: Db,
  secretKey: Buffer,
  channel: { id: string; tenantId: string; config: Record<string, unknown> },
  graphBaseUrl?: string,
): Promise<{ synced: number; removed: number }> {
  const { client, wabaId } = await graphClientFor(db, secretKey, channel, graphBaseUrl);
  return syncTemplates(db, client, channel, wabaId);
}

/**
 * Submits a template draft (checked with `draftProblems`) to the channel's WhatsApp
 * Business Account and stores it as Meta answered (PENDING). See `submitTemplate`.
 * @throws Error (no secrets, bad config), GraphApiError, GraphNetworkError
 */
export async function submitChannelTemplate(
  db: Db,
  secretKey: Buffer,
  channel: { id: string; tenantId: string; config: Record<string, unknown> },
  draft: TemplateDraft,
  graphBaseUrl?: string,
): Promise<{ id: string; status: string; category: string }> {
  const { client, wabaId } = await graphClientFor(db, secretKey, channel, graphBaseUrl);
  return submitTemplate(db, client, channel, wabaId, draft);
}

/**
 * Deletes the template `name` (every language) at Meta and in Kabar. See `deleteTemplate`.
 * @throws Error (no secrets, bad config), GraphApiError, GraphNetworkError
 */
export async function deleteChannelTemplate(
  db: Db,
  secretKey: Buffer,
  channel: { id: string; config: Record<string, unknown> },
  name: string,
  graphBaseUrl?: string,
): Promise<number> {
  const { client, wabaId } = await graphClientFor(db, secretKey, channel, graphBaseUrl);
  return deleteTemplate(db, client, channel.id, wabaId, name);
}

/**
 * What a failed template submission or deletion means for the shop, without Meta's
 * internals: `exists` (Meta's error 100 with subcode 2388024: a template of that name and
 * language exists), `refused` (Meta refused the content or a parameter: any other error
 * the Graph API classes as this request's own, see `classifyGraphError`), `unavailable`
 * (Meta unreachable, throttled, the token expired or lacks permission, anything else).
 */
export function templateFailure(err: unknown): "exists" | "refused" | "unavailable" {
  if (!(err instanceof GraphApiError)) return "unavailable";
  if (err.code === 100 && err.subcode === 2388024) return "exists";
  return err.classify().kind === "fail" && err.httpStatus < 500 ? "refused" : "unavailable";
}

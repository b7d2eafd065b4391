/**
 * Processing of a verified Cloud API webhook delivery, as a background job
 * (`cloud-api-webhook`, jobs/cloud-api-webhook.ts): the HTTP
 * route answers Meta at once (Meta retries deliveries that are not answered 200 quickly)
 * and queues `{ channelId, body }`; the job de-duplicates by wamid (messages) and wamid +
 * status (statuses) in `webhook_events`, downloads media, and hands everything to the
 * channel's live transport, which emits it as 'message' / 'receipt' / 'failed' events.
 * Meta delivers at least once (and retries for days), so duplicates are expected.
 */
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Bus } from "../../lib/bus.js";
import type { InboundMessage } from "../../channels/transport.js";
import { applyTemplateReview } from "../../channels/cloud-api/index.js";
import { GraphApiError } from "../../channels/cloud-api/errors.js";
import {
  cloudApiTransports,
  type CloudApiRegistry,
  type CloudApiTransport,
} from "../../channels/cloud-api/transport.js";
import { parseWebhook, type WebhookMessage } from "./payload.js";
import { claimWebhookEvent, releaseWebhookEvent } from "./queries.js";
import { parseTemplateEvents } from "./template-events.js";

/** What processing needs. */
export interface WebhookProcessDeps {
  db: Db;
  /** Live transports (default: the process-wide registry `createCloudApiKind()` fills). */
  registry?: CloudApiRegistry;
  log?: Logger;
  /** Where a template review is announced (`wa-template.review`, for the owner's notification). */
  bus?: Bus;
}

/** The outcome of one delivery. */
interface WebhookOutcome {
  /** New messages and statuses handed to the transport. */
  messages: number;
  statuses: number;
  /** Template review outcomes applied (status or category changed by Meta). */
  templates: number;
  /** Items already processed by an earlier delivery. */
  duplicates: number;
  ignored: number;
}

/**
 * The channel has no live transport in this process, so nothing can be emitted; nothing
 * was recorded either, so the job's retry processes the delivery in full.
 */
export class ChannelNotLiveError extends Error {
  readonly code = "channel_not_live";
  constructor(readonly channelId: string) {
    super(`Cloud API channel ${channelId} is not connected in this process`);
    this.name = "ChannelNotLiveError";
  }
}

/**
 * Processes one verified delivery for `channelId`: template review outcomes first (they
 * need no live transport: they only update `wa_templates` and announce the change), then
 * messages in order, then statuses.
 * Each item is claimed in `webhook_events` first (INSERT … ON CONFLICT DO NOTHING), so a
 * redelivered item is skipped; an item whose processing fails is released again and the
 * error rethrown, so the job's retry redoes it (items done before it stay done).
 * @throws ChannelNotLiveError when the channel is not live here; a temporary Graph error
 *   while downloading media
 */
export async function processWebhook(
  deps: WebhookProcessDeps,
  channelId: string,
  payload: unknown,
): Promise<WebhookOutcome> {
  const reviews = parseTemplateEvents(payload);
  let templates = 0;
  let duplicates = 0;
  for (const { key, review } of reviews) {
    const applied = await once(deps.db, channelId, key, async () => {
      const t = await applyTemplateReview(deps.db, channelId, review);
      if (t) deps.bus?.emit("wa-template.review", { tenantId: t.tenantId, channelId, ...review });
    });
    if (applied) templates++;
    else duplicates++;
  }
  const all = parseWebhook(payload);
  if (reviews.length && !all.messages.length && !all.statuses.length)
    return { messages: 0, statuses: 0, templates, duplicates, ignored: all.ignored - reviews.length };
  const transport = (deps.registry ?? cloudApiTransports).get(channelId);
  if (!transport) throw new ChannelNotLiveError(channelId);
  const events = parseWebhook(payload, transport.phoneNumberId);
  const outcome: WebhookOutcome = {
    messages: 0,
    statuses: 0,
    templates,
    duplicates,
    ignored: events.ignored - reviews.length,
  };
  for (const m of events.messages) {
    if (
      await once(deps.db, channelId, `msg:${m.messageId}`, async () =>
        transport.receiveInbound(await toInbound(deps, transport, m)),
      )
    )
      outcome.messages++;
    else outcome.duplicates++;
  }
  for (const s of events.statuses) {
    if (
      await once(deps.db, channelId, `status:${s.messageId}:${s.status}`, async () =>
        transport.receiveStatus(s),
      )
    )
      outcome.statuses++;
    else outcome.duplicates++;
  }
  return outcome;
}

/** Runs `work` unless `key` was already claimed for the channel; false when it was. */
async function once(db: Db, channelId: string, key: string, work: () => Promise<void>): Promise<boolean> {
  if (!(await claimWebhookEvent(db, channelId, key))) return false;
  try {
    await work();
  } catch (err) {
    await releaseWebhookEvent(db, channelId, key);
    throw err;
  }
  return true;
}

/**
 * The InboundMessage of a webhook message, its media downloaded. Media Meta refuses for
 * good (expired id, not found) leaves the message as text naming the media type, so the
 * customer's message is not lost; any other failure (network, token, disk) is rethrown
 * for the job's retry.
 */
async function toInbound(
  deps: WebhookProcessDeps,
  transport: CloudApiTransport,
  m: WebhookMessage,
): Promise<InboundMessage> {
  const inbound: InboundMessage = { messageId: m.messageId, from: m.from, at: m.at };
  if (m.profileName) inbound.profileName = m.profileName;
  if (m.text) inbound.text = m.text;
  if (m.answering) inbound.answering = m.answering;
  if (m.button) inbound.button = m.button;
  if (m.location) inbound.location = m.location;
  if (!m.media) return inbound;
  try {
    inbound.media = await transport.downloadMedia(m.media);
  } catch (err) {
    if (!(err instanceof GraphApiError) || err.classify().kind !== "fail") throw err;
    deps.log?.warn(
      { err, channelId: transport.channelId, messageId: m.messageId },
      "received media could not be downloaded",
    );
    inbound.text = m.text ?? `[${m.media.type}]`;
  }
  return inbound;
}

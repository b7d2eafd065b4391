/**
 * What the dispatcher sends to one recipient and what becomes of a failed send (pure parts of
 * dispatcher.ts): the outgoing message for the number's kind, and the retry rule.
 */
import { TransportError, type Media } from "../../channels/transport.js";
import type { CloudApiOutgoing } from "../../channels/cloud-api/transport.js";
import { toTransportMedia } from "../media/index.js";
import type { MediaAttachment, TemplateParamValues, WaTemplateRef } from "./queries/campaigns.js";
import type { FailedOutcome } from "./recorder.js";

/** A running campaign as the dispatcher sends it. */
export interface RunningCampaign {
  /** The campaign's media as the transport sends it; an Error when its file is gone (each recipient then fails with it). */
  media: Media | TransportError | null;
  waTemplate: WaTemplateRef | null;
  /** Numbers in the campaign's pool (1: the campaign's own number only). */
  poolSize: number;
}

/**
 * The message of one recipient: on a Cloud API number, the campaign's approved template
 * (when it has one and the recipient its values); elsewhere text with optional media (a
 * hybrid campaign's WhatsApp Web number sends its own text, never the template).
 * @throws TransportError when the campaign's media file is gone
 */
export function outgoingOf(
  r: { text: string; template_params: TemplateParamValues | null },
  { media, waTemplate }: RunningCampaign,
  kind: string,
): CloudApiOutgoing {
  if (media instanceof TransportError) throw media;
  if (waTemplate && r.template_params && kind === "cloud_api") {
    const { name, language } = waTemplate;
    return {
      text: r.text,
      template: { name, language, ...r.template_params, ...(media ? { headerMedia: media } : {}) },
    };
  }
  return media ? { text: r.text, media } : { text: r.text };
}

/** The campaign's media as the transport sends it, or the error each recipient fails with when its file is gone. */
export function transportMediaOrError(a: MediaAttachment, path: string | null): Media | TransportError {
  try {
    return toTransportMedia(a, path);
  } catch (err) {
    return err as TransportError;
  }
}

/** Any error a send threw, as a TransportError (unknown ones are a retryable `network_error`). */
export function asTransportError(err: unknown): TransportError {
  return err instanceof TransportError
    ? err
    : new TransportError("network_error", String((err as Error)?.message ?? err), true);
}

/**
 * What becomes of recipient `r` after a send failed with `e` (neither a 463 nor a stopped
 * number: the dispatcher handles those): skipped when not on WhatsApp; pending again after
 * an exponential backoff (base `retryBaseMs`, doubling per attempt, at most 15 min, ±20 %)
 * while retryable and under `maxAttempts`; else failed.
 */
export function failedSend(
  r: { id: number; attempts: number },
  e: TransportError,
  retry: { maxAttempts: number; retryBaseMs: number },
  rand: () => number,
  now: number,
): FailedOutcome {
  if (e.code === "not_on_whatsapp")
    return { recipientId: r.id, status: "skipped", code: e.code, reason: e.message };
  if (e.retryable && r.attempts < retry.maxAttempts) {
    const delay = Math.min(15 * 60_000, retry.retryBaseMs * 2 ** (r.attempts - 1)) * (0.8 + 0.4 * rand());
    return { recipientId: r.id, status: "pending", code: e.code, reason: e.message, retryAt: now + delay };
  }
  return { recipientId: r.id, status: "failed", code: e.code, reason: e.message };
}

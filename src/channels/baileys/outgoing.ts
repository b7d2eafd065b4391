/**
 * Kabar's outgoing messages as Baileys message contents, and Baileys' send errors as
 * TransportErrors the dispatcher understands.
 */
import { stat } from "node:fs/promises";
import { basename, isAbsolute, relative, resolve } from "node:path";
import type { Readable } from "node:stream";
import { DisconnectReason, type AnyMessageContent } from "baileys";
import { OutboundError, openGuarded } from "../../lib/outbound/index.js";
import { MEDIA_LIMITS } from "../media-limits.js";
import { TransportError, type Media, type MediaType, type Outgoing } from "../transport.js";

/** A pin on the map. Not part of the shared `Outgoing` yet; this transport already sends it. */
export interface OutgoingLocation {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/** `Outgoing` as this transport reads it: with an optional location. */
export type BaileysOutgoing = Outgoing & { location?: OutgoingLocation };

/** One WhatsApp message to send; `idSuffix` is appended to the caller's stable message id. */
interface ContentPart {
  content: AnyMessageContent;
  idSuffix: string;
}

const invalid = (message: string) => new TransportError("invalid_message", message, false);

/**
 * The message(s) for `msg`: text; image / video / document with `text` as caption; a
 * location with `text` as its comment. WhatsApp audio has no caption, so audio with text
 * is two messages: the audio (the stable id), then the text (the id + "T", stable too, so
 * a resend is still de-duplicated).
 * @param dataDir KABAR_DATA_DIR: a media `url` that is not a link is a path under it
 * @param download fetches a media link (default: through the outbound guard, `downloadLink`)
 * @throws TransportError `invalid_message` (nothing to send, a bad location, a media path
 *   outside the data dir or missing, a link refused), `network_error` (a link unreachable)
 */
export async function messageParts(
  msg: BaileysOutgoing,
  dataDir: string,
  download: LinkDownload = downloadLink,
): Promise<ContentPart[]> {
  const text = msg.text?.trim() ? msg.text : undefined;
  if (msg.location) return [{ content: { location: locationMessage(msg.location, text) }, idSuffix: "" }];
  if (!msg.media) {
    if (!text) throw invalid("A message needs text, media or a location");
    return [{ content: { text }, idSuffix: "" }];
  }
  const source = await mediaSource(msg.media, dataDir, download);
  const { type, mimeType, filename } = msg.media;
  switch (type) {
    case "image":
      return [
        { content: { image: source, caption: text, ...(mimeType && { mimetype: mimeType }) }, idSuffix: "" },
      ];
    case "video":
      return [
        { content: { video: source, caption: text, ...(mimeType && { mimetype: mimeType }) }, idSuffix: "" },
      ];
    case "document":
      return [
        {
          content: {
            document: source,
            mimetype: mimeType ?? "application/octet-stream",
            fileName: filename ?? basename(msg.media.url),
            caption: text,
          },
          idSuffix: "",
        },
      ];
    case "audio": {
      const audio: ContentPart = {
        content: { audio: source, mimetype: mimeType ?? "audio/mp4" },
        idSuffix: "",
      };
      return text ? [audio, { content: { text }, idSuffix: "T" }] : [audio];
    }
  }
}

function locationMessage(l: OutgoingLocation, comment: string | undefined) {
  const ok =
    Number.isFinite(l.latitude) &&
    Math.abs(l.latitude) <= 90 &&
    Number.isFinite(l.longitude) &&
    Math.abs(l.longitude) <= 180;
  if (!ok) throw invalid("A location needs a latitude within ±90 and a longitude within ±180");
  return {
    degreesLatitude: l.latitude,
    degreesLongitude: l.longitude,
    name: l.name,
    address: l.address,
    comment,
  };
}

/** Fetches a media link as a stream of at most `maxBytes` bytes. */
type LinkDownload = (url: string, maxBytes: number) => Promise<Readable>;

/**
 * A media link fetched by Kabar itself through the outbound guard (https, public hosts
 * only, WhatsApp's size limit for the type enforced while streaming), never by Baileys'
 * own unguarded fetch.
 * @throws TransportError `invalid_message` for a refused link, a non-2xx answer or a file
 *   too large; `network_error` (retryable) when the host cannot be reached in time
 */
async function downloadLink(url: string, maxBytes: number): Promise<Readable> {
  try {
    const res = await openGuarded(url, { maxBytes, timeoutMs: 60_000 });
    if (res.status < 200 || res.status > 299) {
      res.body.destroy();
      throw invalid(`The media link answered HTTP ${res.status}`);
    }
    return res.body;
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    const retryable = err.code === "timeout" || err.code === "unreachable";
    throw new TransportError(
      retryable ? "network_error" : "invalid_message",
      `The media link could not be downloaded: ${err.message}`,
      retryable,
    );
  }
}

/**
 * What Baileys uploads: `{ stream }` of a link Kabar downloads (`download`), or `{ url }` of a
 * file under the data dir (Baileys streams it).
 * @throws TransportError `invalid_message` for another scheme, a path leaving the data dir,
 *   or a file that does not exist; what `download` throws
 */
export async function mediaSource(
  media: { url: Media["url"]; type: MediaType },
  dataDir: string,
  download: LinkDownload = downloadLink,
): Promise<{ url: string } | { stream: Readable }> {
  const { url } = media;
  if (/^https?:\/\//i.test(url)) return { stream: await download(url, MEDIA_LIMITS[media.type].maxBytes) };
  if (/^[a-z][a-z0-9+.-]*:/i.test(url))
    throw invalid("Media must be an https link or a file in the data folder");
  const root = resolve(dataDir);
  const path = resolve(root, url);
  const rel = relative(root, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel))
    throw invalid("Media paths must stay inside the data folder");
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw invalid("The media file no longer exists");
  return { url: path };
}

/**
 * A Baileys/Boom error as a TransportError:
 * - WhatsApp's `rate-overlimit` (error node code 429) → `rate_limited`, retryable;
 * - a socket closed as logged out (401) → `logged_out`, stops the channel;
 * - a socket closed as forbidden (403) → `banned`, stops the channel;
 * - "Connection Closed" / other close reasons → `disconnected`, retryable;
 * - anything else → `network_error`, retryable.
 * A Boom from a WhatsApp error node carries the node's code in `data` (its HTTP status is
 * 500); a Boom from the socket carries the DisconnectReason in `output.statusCode`.
 */
export function toTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const e = error as
    | { message?: unknown; data?: unknown; output?: { statusCode?: unknown } }
    | null
    | undefined;
  const message = typeof e?.message === "string" ? e.message : String(error);
  const nodeCode = typeof e?.data === "number" ? e.data : undefined;
  const closeCode = typeof e?.output?.statusCode === "number" ? e.output.statusCode : undefined;
  if (nodeCode === 429 || closeCode === 429 || /rate-overlimit/i.test(message)) {
    return new TransportError("rate_limited", "WhatsApp is rate-limiting this number (rate-overlimit)", true);
  }
  if (closeCode === DisconnectReason.loggedOut) {
    return new TransportError("logged_out", "The device was logged out; link it again", false, true);
  }
  if (closeCode === DisconnectReason.forbidden) {
    return new TransportError("banned", "WhatsApp refused this number (403)", false, true);
  }
  if (
    (closeCode !== undefined && closeCode !== 500) ||
    /connection (closed|was lost|terminated)/i.test(message)
  ) {
    return new TransportError("disconnected", `The WhatsApp connection dropped: ${message}`, true);
  }
  return new TransportError("network_error", message, true);
}

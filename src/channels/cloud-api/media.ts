/**
 * Media files of a Cloud API channel: uploading files under the data directory to send
 * them by id, and downloading what customers send into the channel's media folder.
 * Meta: uploaded media ids live 30 days; a webhook's media id is turned into a download
 * URL with `GET /<MEDIA_ID>`, valid 5 minutes, fetched with the bearer token
 * (Cloud API "Media" reference, https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, extname, join, relative, resolve, sep } from "node:path";
import { TransportError, type Media, type MediaType } from "../transport.js";
import type { GraphClient } from "./client.js";
import { mediaSource } from "./messages.js";
import type { MediaRef } from "./templates.js";

/** How long Kabar reuses an uploaded media id, ms (Meta keeps it 30 days). */
const UPLOAD_TTL_MS = 29 * 24 * 60 * 60 * 1000;

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "audio/mp4": "m4a",
  "application/pdf": "pdf",
  "text/plain": "txt",
};
const MIME_BY_EXTENSION = Object.fromEntries(Object.entries(EXTENSIONS).map(([mime, ext]) => [ext, mime]));
MIME_BY_EXTENSION.jpeg = "image/jpeg";

/** The MIME type without parameters ("audio/ogg; codecs=opus" → "audio/ogg"). */
function bareMime(mime: string | undefined): string {
  return (mime ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Sends and receives the files of one channel. */
export class ChannelMedia {
  private readonly uploads = new Map<string, { id: string; expiresAt: number }>();

  constructor(
    /** KABAR_DATA_DIR: `Media.url` paths are relative to it. */
    private readonly dataDir: string,
    /** Where received files go (`<dataDir>/media/<channel id>`). */
    private readonly mediaDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * How to give `media` to Meta: an http(s) link as is, a "wa-media:<id>" as that id, a
   * file under the data directory uploaded once (its id reused for 29 days).
   * @throws TransportError `invalid_message` when the file is outside the data directory or missing;
   *   GraphApiError / GraphNetworkError from the upload
   */
  async ref(client: GraphClient, phoneNumberId: string, media: Media): Promise<MediaRef> {
    const source = mediaSource(media.url);
    if (source.kind === "link") return { link: source.link };
    if (source.kind === "id") return { id: source.id };
    const file = resolve(this.dataDir, source.path);
    if (!file.startsWith(resolve(this.dataDir) + sep))
      throw new TransportError("invalid_message", "The media file is outside the data directory", false);
    const cached = this.uploads.get(file);
    if (cached && cached.expiresAt > this.now()) return { id: cached.id };
    const bytes = await readFile(file).catch(() => {
      throw new TransportError("invalid_message", "The media file no longer exists", false);
    });
    const mimeType =
      bareMime(media.mimeType) ||
      MIME_BY_EXTENSION[extname(file).slice(1).toLowerCase()] ||
      "application/octet-stream";
    const id = await client.uploadMedia(phoneNumberId, {
      bytes,
      mimeType,
      filename: media.filename ?? basename(file),
    });
    this.uploads.set(file, { id, expiresAt: this.now() + UPLOAD_TTL_MS });
    return { id };
  }

  /**
   * Downloads a received media file into the channel's media folder, named by its media
   * id. A sticker is kept as an image.
   * @returns the `Media` of the inbound message (`url` relative to the data directory)
   * @throws GraphApiError / GraphNetworkError from the Graph API; an fs error when the file cannot be written
   */
  async save(
    client: GraphClient,
    received: { id: string; type: MediaType | "sticker"; mimeType?: string; filename?: string },
  ): Promise<Media> {
    const info = await client.mediaInfo(received.id);
    const bytes = await client.download(info.url);
    const mimeType = bareMime(received.mimeType ?? info.mime_type);
    const ext =
      (received.filename &&
        extname(received.filename)
          .slice(1)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, "")) ||
      EXTENSIONS[mimeType] ||
      "bin";
    await mkdir(this.mediaDir, { recursive: true });
    const file = join(this.mediaDir, `${received.id.replace(/[^\w-]/g, "_")}.${ext}`);
    await writeFile(file, bytes);
    const media: Media = {
      type: received.type === "sticker" ? "image" : received.type,
      url: relative(resolve(this.dataDir), resolve(file)).split(sep).join("/"),
    };
    if (mimeType) media.mimeType = mimeType;
    if (received.filename) media.filename = received.filename;
    return media;
  }
}

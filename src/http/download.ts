import { createReadStream } from "node:fs";
import type { FastifyReply } from "fastify";

/** MIME types a browser may show in place (pictures, video and sound it plays itself); anything else is a download. */
const INLINE = /^(image\/(jpeg|png|webp|gif)|video\/(mp4|3gpp)|audio\/(aac|mp4|mpeg|amr|ogg|opus))$/;

/** A file to answer: where it is on disk (never sent), its MIME type (null: unknown) and the name the browser gets. */
interface DownloadFile {
  path: string;
  mimeType: string | null;
  filename: string;
  /** `document` files are always a download, whatever their MIME type. */
  type: string;
}

/**
 * `Content-Disposition` for a file name (RFC 6266): an ASCII `filename` fallback (quotes,
 * backslashes and non-ASCII replaced) and the exact name as `filename*` (RFC 8187, UTF-8).
 */
export function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/**
 * Answers a stored file: its MIME type (`application/octet-stream` when unknown), shown in
 * place when it is a picture, video or sound a browser plays, else a download; always under
 * its name, never sniffed, and sandboxed (CSP `sandbox`) so a file opened in a tab runs no
 * script with the app's origin. Cached privately for an hour (a file's bytes never change).
 */
export function sendDownload(reply: FastifyReply, file: DownloadFile): FastifyReply {
  const type = file.mimeType?.toLowerCase() ?? null;
  const inline = file.type !== "document" && type !== null && INLINE.test(type);
  return reply
    .type(type ?? "application/octet-stream")
    .header("content-disposition", contentDisposition(inline ? "inline" : "attachment", file.filename))
    .header("cache-control", "private, max-age=3600")
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox")
    .send(createReadStream(file.path));
}

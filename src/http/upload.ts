import { PassThrough, type Readable } from "node:stream";
import type { MultipartFile } from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../lib/actor.js";
import { KabarError } from "../lib/errors.js";
import { httpErrors } from "./error-catalogue.js";

/** 400 `invalid_multipart`: the body is not a well-formed multipart/form-data body (no boundary, cut short, broken part headers). */
export const invalidMultipart = httpErrors.invalidMultipart;

/** 408 `upload_timeout`: the client stopped sending the upload. */
function uploadTimeout(seconds: number): KabarError {
  return httpErrors.uploadTimeout({ seconds });
}

const fileRequired = httpErrors.fileRequired;

/** What busboy and the streams under it throw for a malformed or cut body. */
const MALFORMED =
  /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found|Premature close)/;

function malformed(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === "ERR_STREAM_PREMATURE_CLOSE" || MALFORMED.test(String(e?.message ?? ""));
}

/**
 * Reads the one uploaded file of a multipart request (field "file") and hands it to `use`,
 * which must consume `file.file`. Malformed bodies become 4xx, never 500:
 * - not multipart → 400 `file_required`; multipart without a boundary, cut short or with
 *   broken part headers → 400 `invalid_multipart`;
 * - a client that sends nothing for `idleMs` (a half-sent body on an open connection) →
 *   408 `upload_timeout` at once, and the connection is closed after the answer.
 * @throws KabarError as above, or whatever `use` throws for a well-formed upload.
 */
export async function withUpload<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  idleMs: number,
  use: (file: MultipartFile) => Promise<T>,
): Promise<T> {
  if (!req.isMultipart()) throw fileRequired();
  if (!/;\s*boundary=("[^"]+"|[^\s;]+)/i.test(String(req.headers["content-type"]))) throw invalidMultipart();
  const raw = req.raw;
  let failure: KabarError | null = null;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    if (raw.complete) return;
    timer = setTimeout(() => {
      // Paused by the consumer (backpressure: Kabar is the slow side), not the client: wait on.
      if (raw.readableFlowing === false) return arm();
      failure = uploadTimeout(Math.round(idleMs / 1000));
      // Stops the parser and fails the file stream (the consumer's await rejects); the
      // socket stays open for the 408, then closes ("connection: close" below).
      if (raw.listenerCount("error") > 0) raw.emit("error", failure);
      else raw.destroy(failure);
    }, idleMs);
  };
  // Start the parser first (it pipes the request), then watch the data flowing into it: a
  // 'data' listener on an unpiped request would start the flow before the parser is there.
  const pending = req.file();
  const onData = () => arm();
  raw.on("data", onData);
  raw.once("end", () => clearTimeout(timer));
  arm();
  try {
    let file: MultipartFile | undefined;
    try {
      file = await pending;
    } catch (err) {
      if (failure) throw failure;
      if (malformed(err)) throw invalidMultipart();
      throw err;
    }
    if (failure) throw failure;
    if (!file) throw fileRequired();
    // The parser destroys the file stream, without an error, when the body ends before the
    // closing boundary; that can happen before the consumer starts (the whole body had
    // arrived), and such a stream never settles a pipeline. The consumer reads a copy that
    // fails with the reason instead.
    const source = file.file;
    const cut = () => source.destroyed && !source.readableEnded;
    if (cut()) throw invalidMultipart();
    const copy = new PassThrough();
    Object.defineProperty(copy, "truncated", { get: () => source.truncated });
    source.once("close", () => setImmediate(() => cut() && copy.destroy(failure ?? invalidMultipart())));
    source.once("error", (err) => copy.destroy(failure ?? (malformed(err) ? invalidMultipart() : err)));
    source.pipe(copy);
    try {
      return await use({ ...file, file: copy as unknown as MultipartFile["file"] });
    } catch (err) {
      if (failure) throw failure;
      if (malformed(err)) throw invalidMultipart();
      throw err;
    }
  } catch (err) {
    // The rest of the body is never read: the connection cannot carry another request.
    if (failure || (err instanceof KabarError && err.code === "invalid_multipart"))
      void reply.header("connection", "close");
    throw err;
  } finally {
    clearTimeout(timer);
    raw.off("data", onData);
  }
}

/** What `saveUploadedMedia` hands the upload to (the media service's `upload`). */
interface MediaUploader<F extends string, T> {
  upload(
    actor: Actor,
    folder: F,
    file: Readable,
    info: { filename: string; mimeType: string; truncated: () => boolean },
  ): Promise<T>;
}

/**
 * Stores the one uploaded file of a multipart request (field "file") as one of the
 * signed-in shop's media files in `folder`: `withUpload` for the request's faults, then the
 * media service for who may upload what and the size limits.
 * @throws KabarError as `withUpload` and the media service's `upload`
 */
export function saveUploadedMedia<F extends string, T>(
  req: FastifyRequest,
  reply: FastifyReply,
  media: MediaUploader<F, T>,
  folder: F,
  idleMs: number,
): Promise<T> {
  return withUpload(req, reply, idleMs, (file) =>
    media.upload(req.actor, folder, file.file, {
      filename: file.filename,
      mimeType: file.mimetype,
      truncated: () => file.file.truncated,
    }),
  );
}

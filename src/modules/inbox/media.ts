/**
 * Files an agent attaches in the inbox: `POST /conversations/:id/media` stores one file for
 * the shop (media module: a `media` row, same WhatsApp size limits) and answers it; send it
 * as the `media` (`{ type, id }`) of `POST /conversations/:id/messages`, with `text` as its
 * caption.
 */
import { z } from "zod";
import type { App } from "../../http/types.js";
import type { Services } from "../../services.js";
import { withUpload } from "../../http/upload.js";
import { uploadedMediaSchema } from "../media/index.js";

/** `POST /conversations/:id/media`: one multipart file `file`, answered as a message's `media` (201). */
export function inboxMediaRoutes(app: App, services: Services, uploadIdleMs?: number): void {
  app.post(
    "/conversations/:id/media",
    {
      schema: {
        tags: ["inbox"],
        params: z.object({ id: z.uuid() }),
        consumes: ["multipart/form-data"],
        description:
          'Attach one file (multipart field "file") to a conversation. JPEG/PNG become an image (≤ 5 MB), MP4/3GPP a video and AAC/MP4/MPEG/AMR/OGG audio (≤ 16 MB), anything else a document (≤ 100 MB). Send the answer (its `type` and `id`) as `media` to POST /conversations/:id/messages, with `text` as its caption.',
        response: { 201: uploadedMediaSchema },
      },
    },
    async (req, reply) => {
      await services.conversations.get(req.actor, req.params.id);
      const saved = await withUpload(req, reply, uploadIdleMs ?? 20_000, (file) =>
        services.media.upload(req.actor, "inbox", file.file, {
          filename: file.filename,
          mimeType: file.mimetype,
          truncated: () => file.file.truncated,
        }),
      );
      return reply.status(201).send(saved);
    },
  );
}

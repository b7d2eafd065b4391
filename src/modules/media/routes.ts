import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { mediaNotFound } from "./service.js";

/** `GET /media/:id`: one of the shop's files (uploaded or received), by its id. */
export function mediaRoutes(app: App, { services }: HttpOptions): void {
  app.get(
    "/media/:id",
    {
      schema: {
        tags: ["media"],
        params: z.object({ id: z.uuid() }),
        description:
          "A file of the shop (uploaded for a template or a conversation, or received from a customer): images, video and audio inline; documents as a download. Another shop's id answers 404 like an unknown one.",
      },
    },
    async (req, reply) => {
      const file = await services.media.open(req.actor, req.params.id);
      const info = await stat(file.path).catch(() => null);
      if (!info?.isFile()) throw mediaNotFound();
      if (file.mimeType) void reply.type(file.mimeType);
      else {
        const name = encodeURIComponent(file.filename ?? "lampiran");
        void reply
          .type("application/octet-stream")
          .header("content-disposition", `attachment; filename*=UTF-8''${name}`);
      }
      return reply
        .header("cache-control", "private, max-age=3600")
        .header("x-content-type-options", "nosniff")
        .send(createReadStream(file.path));
    },
  );
}

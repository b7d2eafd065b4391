import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { saveUploadedMedia } from "../../http/upload.js";
import { uploadedMediaSchema } from "../media/index.js";
import { previewBody, previewSchema, templateBody, templateSchema } from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/** Templates CRUD and preview. */
export function templateRoutes(app: App, { services, uploadIdleMs }: HttpOptions): void {
  const tags = ["templates"];
  app.get("/templates", { schema: { tags, response: { 200: z.array(templateSchema) } } }, (req) =>
    services.templates.list(req.actor),
  );
  app.post(
    "/templates",
    { schema: { tags, body: templateBody, response: { 201: templateSchema } } },
    async (req, reply) => reply.status(201).send(await services.templates.create(req.actor, req.body)),
  );
  app.post(
    "/templates/preview",
    { schema: { tags, body: previewBody, response: { 200: previewSchema } } },
    (req) => services.templates.preview(req.actor, req.body),
  );
  app.post(
    "/templates/media",
    {
      schema: {
        tags,
        consumes: ["multipart/form-data"],
        description:
          'Upload one file as multipart field "file" for a template. JPEG/PNG become an image (≤ 5 MB), MP4/3GPP a video and AAC/MP4/MPEG/AMR/OGG audio (≤ 16 MB), anything else a document (≤ 100 MB). Put the answer (its `type` and `id`) in the template\'s `media`. Owner only.',
        response: { 201: uploadedMediaSchema },
      },
    },
    async (req, reply) => {
      const saved = await saveUploadedMedia(req, reply, services.media, "templates", uploadIdleMs ?? 20_000);
      return reply.status(201).send(saved);
    },
  );
  app.get(
    "/templates/:id",
    { schema: { tags, params: idParams, response: { 200: templateSchema } } },
    (req) => services.templates.get(req.actor, req.params.id),
  );
  app.put(
    "/templates/:id",
    { schema: { tags, params: idParams, body: templateBody, response: { 200: templateSchema } } },
    (req) => services.templates.update(req.actor, req.params.id, req.body),
  );
  app.delete(
    "/templates/:id",
    { schema: { tags, params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await services.templates.remove(req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
}

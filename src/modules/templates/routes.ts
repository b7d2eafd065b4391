import { createReadStream } from 'node:fs';
import { z } from 'zod';
import type { App, HttpOptions } from '../../http/app.js';
import { withUpload } from '../../http/upload.js';
import { previewBody, previewSchema, templateBody, templateSchema, uploadedMediaSchema } from './schemas.js';

const idParams = z.object({ id: z.uuid() });

/** Templates CRUD and preview. */
export function templateRoutes(app: App, { services, uploadIdleMs }: HttpOptions): void {
  const tags = ['templates'];
  app.get('/templates', { schema: { tags, response: { 200: z.array(templateSchema) } } }, (req) => services.templates.list(req.actor));
  app.post('/templates', { schema: { tags, body: templateBody, response: { 201: templateSchema } } }, async (req, reply) =>
    reply.status(201).send(await services.templates.create(req.actor, req.body)),
  );
  app.post('/templates/preview', { schema: { tags, body: previewBody, response: { 200: previewSchema } } }, (req) =>
    services.templates.preview(req.actor, req.body),
  );
  app.post(
    '/templates/media',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description:
          'Upload one file as multipart field "file" for a template. JPEG/PNG become an image (≤ 5 MB), MP4/3GPP a video and AAC/MP4/MPEG/AMR/OGG audio (≤ 16 MB), anything else a document (≤ 100 MB). Put the answer in the template\'s `media`.',
        response: { 201: uploadedMediaSchema },
      },
    },
    async (req, reply) => {
      const saved = await withUpload(req, reply, uploadIdleMs ?? 20_000, (file) =>
        services.templates.uploadMedia(req.actor, file.file, {
          filename: file.filename,
          mimeType: file.mimetype,
          truncated: () => file.file.truncated,
        }),
      );
      return reply.status(201).send(saved);
    },
  );
  app.get(
    '/templates/media/:id',
    { schema: { tags, params: idParams, description: 'A file uploaded for templates (images, video and audio inline; documents as a download)' } },
    async (req, reply) => {
      const media = await services.templates.openMedia(req.actor, req.params.id);
      if (media.mimeType) void reply.type(media.mimeType);
      else void reply.type('application/octet-stream').header('content-disposition', 'attachment');
      return reply.header('cache-control', 'private, max-age=3600').send(createReadStream(media.path));
    },
  );
  app.get('/templates/:id', { schema: { tags, params: idParams, response: { 200: templateSchema } } }, (req) =>
    services.templates.get(req.actor, req.params.id),
  );
  app.put('/templates/:id', { schema: { tags, params: idParams, body: templateBody, response: { 200: templateSchema } } }, (req) =>
    services.templates.update(req.actor, req.params.id, req.body),
  );
  app.delete('/templates/:id', { schema: { tags, params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
    await services.templates.remove(req.actor, req.params.id);
    return reply.status(204).send(null);
  });
}

import { z } from 'zod';
import type { App, HttpOptions } from '../../http/app.js';
import { previewBody, previewSchema, templateBody, templateSchema } from './schemas.js';

const idParams = z.object({ id: z.uuid() });

/** Templates CRUD and preview. */
export function templateRoutes(app: App, { services }: HttpOptions): void {
  const tags = ['templates'];
  app.get('/templates', { schema: { tags, response: { 200: z.array(templateSchema) } } }, (req) => services.templates.list(req.actor));
  app.post('/templates', { schema: { tags, body: templateBody, response: { 201: templateSchema } } }, async (req, reply) =>
    reply.status(201).send(await services.templates.create(req.actor, req.body)),
  );
  app.post('/templates/preview', { schema: { tags, body: previewBody, response: { 200: previewSchema } } }, (req) =>
    services.templates.preview(req.actor, req.body),
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

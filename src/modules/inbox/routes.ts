import { z } from 'zod';
import type { App, HttpOptions } from '../../http/app.js';

/** Conversations and their messages (the full inbox comes with the inbox issue). */
export function inboxRoutes(app: App, { services }: HttpOptions): void {
  const tags = ['inbox'];
  app.get('/conversations', { schema: { tags, querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) } }, (req) =>
    services.inbox.listConversations(req.actor, req.query.limit),
  );
  app.get('/conversations/:id/messages', { schema: { tags, params: z.object({ id: z.uuid() }) } }, (req) =>
    services.inbox.thread(req.actor, req.params.id),
  );
}

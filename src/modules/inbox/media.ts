/**
 * Files an agent attaches in the inbox: `POST /conversations/:id/media` stores one file
 * under `<dataDir>/media/inbox/<tenant id>/` (the template media store, same WhatsApp size
 * limits) and answers it as the `media` of `POST /conversations/:id/messages`, which sends
 * it (with `text` as its caption).
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { App } from '../../http/app.js';
import type { Services } from '../../services.js';
import type { Actor } from '../../lib/actor.js';
import { withUpload } from '../../http/upload.js';
import { invalid, KabarError } from '../../lib/errors.js';
import { createTemplateMediaStore, type UploadedMedia } from '../templates/media.js';
import { uploadedMediaSchema } from '../templates/schemas.js';
import { requireConversation } from './thread.js';

/**
 * Inbox attachments of every signed-in user of a tenant (agents included).
 * @param dataDir KABAR_DATA_DIR; without it uploads answer 503 `media_unavailable`.
 */
export function createInboxMediaService(db: Db, dataDir?: string) {
  const store = dataDir ? createTemplateMediaStore(dataDir, 'inbox') : null;
  return {
    /** @throws KabarError 404 `conversation_not_found`, also for another tenant's conversation */
    async requireConversation(actor: Actor, conversationId: string): Promise<void> {
      await requireConversation(db, actor, conversationId);
    },
    /**
     * Stores a file attached to a conversation (check it with `requireConversation` first).
     * Image (JPEG/PNG ≤ 5 MB), video and audio (≤ 16 MB) by MIME type, else a document (≤ 100 MB).
     * @throws KabarError 413 `file_too_large` / 400 `empty_file` (field `file`); 503 `media_unavailable`
     */
    async save(actor: Actor, file: Readable, info: { filename: string; mimeType: string; truncated: () => boolean }): Promise<UploadedMedia> {
      if (!store) throw new KabarError('media_unavailable', 503, { id: 'Unggah media tidak tersedia di proses ini', en: 'Media uploads are not available in this process' });
      return store.save(actor.tenantId, file, info);
    },
  };
}

export type InboxMediaService = ReturnType<typeof createInboxMediaService>;

/** `POST /conversations/:id/media`: one multipart file `file`, answered as a message's `media` (201). */
export function inboxMediaRoutes(app: App, services: Services, uploadIdleMs?: number): void {
  app.post(
    '/conversations/:id/media',
    {
      schema: {
        tags: ['inbox'],
        params: z.object({ id: z.uuid() }),
        consumes: ['multipart/form-data'],
        description:
          'Attach one file (multipart field "file") to a conversation. JPEG/PNG become an image (≤ 5 MB), MP4/3GPP a video and AAC/MP4/MPEG/AMR/OGG audio (≤ 16 MB), anything else a document (≤ 100 MB). Send the answer as `media` to POST /conversations/:id/messages, with `text` as its caption.',
        response: { 201: uploadedMediaSchema },
      },
    },
    async (req, reply) => {
      await services.inboxMedia.requireConversation(req.actor, req.params.id);
      const saved = await withUpload(req, reply, uploadIdleMs ?? 20_000, (file) =>
        services.inboxMedia.save(req.actor, file.file, { filename: file.filename, mimeType: file.mimetype, truncated: () => file.file.truncated }),
      );
      return reply.status(201).send(saved);
    },
  );
}

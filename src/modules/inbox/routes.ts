import { z } from "zod";
import { sendDownload } from "../../http/download.js";
import type { App, HttpOptions } from "../../http/types.js";
import { saveUploadedMedia } from "../../http/upload.js";
import { uploadedMediaSchema } from "../media/index.js";
import {
  conversationDetailSchema,
  conversationSchema,
  labelsBody,
  listQuery,
  messageSchema,
  noteBody,
  noteSchema,
  quickReplyBody,
  quickReplySchema,
  renderedSchema,
  renderQuickReplyBody,
  sendBody,
  snoozeBody,
  threadQuery,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/** Conversations (list, thread, contact panel, state, notes, sending, attached files) and quick replies. */
export function inboxRoutes(app: App, { services, uploadIdleMs }: HttpOptions): void {
  const tags = ["inbox"];
  const inbox = services.conversations;
  const one = { tags, params: idParams, response: { 200: conversationSchema } };
  app.get(
    "/conversations",
    { schema: { tags, querystring: listQuery, response: { 200: z.array(conversationSchema) } } },
    (req) => inbox.list(req.actor, req.query),
  );
  app.get(
    "/conversations/:id",
    { schema: { tags, params: idParams, response: { 200: conversationDetailSchema } } },
    (req) => inbox.detail(req.actor, req.params.id),
  );
  app.get(
    "/conversations/:id/messages",
    {
      schema: { tags, params: idParams, querystring: threadQuery, response: { 200: z.array(messageSchema) } },
    },
    (req) => inbox.messages(req.actor, req.params.id, req.query),
  );
  app.post(
    "/conversations/:id/messages",
    { schema: { tags, params: idParams, body: sendBody, response: { 201: messageSchema } } },
    async (req, reply) => reply.status(201).send(await inbox.send(req.actor, req.params.id, req.body)),
  );
  app.post("/conversations/:id/read", { schema: one }, (req) => inbox.markRead(req.actor, req.params.id));
  app.post("/conversations/:id/resolve", { schema: one }, (req) => inbox.resolve(req.actor, req.params.id));
  app.post("/conversations/:id/reopen", { schema: one }, (req) => inbox.reopen(req.actor, req.params.id));
  app.post("/conversations/:id/snooze", { schema: { ...one, body: snoozeBody } }, (req) =>
    inbox.snooze(req.actor, req.params.id, new Date(req.body.until)),
  );
  app.put("/conversations/:id/labels", { schema: { ...one, body: labelsBody } }, (req) =>
    inbox.setLabels(req.actor, req.params.id, req.body.labels),
  );
  app.get(
    "/conversations/:id/notes",
    { schema: { tags, params: idParams, response: { 200: z.array(noteSchema) } } },
    (req) => inbox.notes(req.actor, req.params.id),
  );
  app.post(
    "/conversations/:id/notes",
    { schema: { tags, params: idParams, body: noteBody, response: { 201: noteSchema } } },
    async (req, reply) =>
      reply.status(201).send(await inbox.addNote(req.actor, req.params.id, req.body.body)),
  );
  // Files an agent attaches: stored for the shop (media module: a `media` row, same
  // WhatsApp size limits) and answered; sent as the `media` (`{ type, id }`) of
  // POST /conversations/:id/messages, with `text` as its caption.
  app.post(
    "/conversations/:id/media",
    {
      schema: {
        tags,
        params: idParams,
        consumes: ["multipart/form-data"],
        description:
          'Attach one file (multipart field "file") to a conversation. JPEG/PNG become an image (≤ 5 MB), MP4/3GPP a video and AAC/MP4/MPEG/AMR/OGG audio (≤ 16 MB), anything else a document (≤ 100 MB). Send the answer (its `type` and `id`) as `media` to POST /conversations/:id/messages, with `text` as its caption.',
        response: { 201: uploadedMediaSchema },
      },
    },
    async (req, reply) => {
      await inbox.get(req.actor, req.params.id);
      const saved = await saveUploadedMedia(req, reply, services.media, "inbox", uploadIdleMs ?? 20_000);
      return reply.status(201).send(saved);
    },
  );
  // The file of a message in the thread (an agent's, a campaign's or the customer's), so the
  // web app can show a picture and offer the download; a path on disk is never answered.
  app.get(
    "/conversations/:id/messages/:messageId/media",
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), messageId: z.uuid() }),
        description:
          "The file of a message of this conversation, sent or received: its bytes with its MIME type and its original name (Content-Disposition). Pictures, video and audio are shown inline, anything else is a download. A message without a stored file (none, or only a link) answers 404 `media_not_found`; another shop's conversation answers 404 like an unknown one.",
      },
    },
    async (req, reply) => {
      const file = await inbox.messageFile(req.actor, req.params.id, req.params.messageId);
      return sendDownload(reply, await services.media.download(req.actor, file.id, file.filename));
    },
  );

  const replies = services.quickReplies;
  app.get("/quick-replies", { schema: { tags, response: { 200: z.array(quickReplySchema) } } }, (req) =>
    replies.list(req.actor),
  );
  app.post(
    "/quick-replies",
    { schema: { tags, body: quickReplyBody, response: { 201: quickReplySchema } } },
    async (req, reply) => reply.status(201).send(await replies.create(req.actor, req.body)),
  );
  app.put(
    "/quick-replies/:id",
    { schema: { tags, params: idParams, body: quickReplyBody, response: { 200: quickReplySchema } } },
    (req) => replies.update(req.actor, req.params.id, req.body),
  );
  app.delete(
    "/quick-replies/:id",
    { schema: { tags, params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await replies.remove(req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/quick-replies/:id/render",
    { schema: { tags, params: idParams, body: renderQuickReplyBody, response: { 200: renderedSchema } } },
    (req) => replies.render(req.actor, req.params.id, req.body.conversationId),
  );
}

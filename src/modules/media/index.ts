/** The media module's public surface: uploads, downloads, and media of messages to send. */
export { mediaAttachmentSchema, uploadedMediaSchema } from "./schemas.js";
export { checkAttachment, createMediaService } from "./service.js";
export { receivedAttachment, resolveForSend, toTransportMedia } from "./send.js";
export { mediaErrors } from "./errors.js";

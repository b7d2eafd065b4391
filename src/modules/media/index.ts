/** The media module's public surface: uploads, downloads, and media of messages to send. */
export { MEDIA_LIMITS, mediaTypeOf } from "./limits.js";
export { mediaAttachmentSchema, uploadedMediaSchema, type UploadedMedia } from "./schemas.js";
export {
  checkAttachment,
  createMediaService,
  mediaNotFound,
  type MediaService,
  type MediaFile,
} from "./service.js";
export { receivedAttachment, resolveForSend, toTransportMedia } from "./send.js";

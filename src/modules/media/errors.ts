/** Errors of media files (uploads, downloads, attachments). */
import { defineErrors } from "../../lib/errors.js";

/** The media module's catalogue. */
export const mediaErrors = defineErrors({
  notFound: {
    code: "media_not_found",
    status: 404,
    when: "The media file in the path (or a message's stored file) is unknown, another shop's or gone from disk: the same answer for each, so a shop cannot probe another's files.",
    message: { id: "Berkas media tidak ditemukan", en: "Media file not found" },
  },
  unknownMedia: {
    code: "unknown_media",
    status: 400,
    when: "A body field (`media.id` of a message, template, quick reply or campaign) names a file that does not exist in the shop; another shop's file answers the same.",
    message: (p: { field: string }) => ({
      id: "Berkas media tidak ditemukan",
      en: "Unknown media file",
      fields: { [p.field]: "unknown media" },
    }),
  },
  unavailable: {
    code: "media_unavailable",
    status: 503,
    when: "An upload or download in a process without a data folder.",
    message: {
      id: "Unggah media tidak tersedia di proses ini",
      en: "Media uploads are not available in this process",
    },
  },
  fileTooLarge: {
    code: "file_too_large",
    status: 413,
    when: "An uploaded media file is larger than WhatsApp accepts for its type.",
    message: (p: { type: string; mb: number }) => ({
      id: `Berkas terlalu besar: WhatsApp menerima ${p.type} sampai ${p.mb} MB`,
      en: `The file is too large: WhatsApp accepts ${p.type} files up to ${p.mb} MB`,
      fields: { file: `at most ${p.mb} MB` },
    }),
  },
  imageRequired: {
    code: "image_required",
    status: 400,
    when: "A product image upload (POST /products/images) is not a JPEG or PNG picture.",
    message: {
      id: "Foto produk harus gambar JPEG atau PNG",
      en: "A product photo must be a JPEG or PNG image",
      fields: { file: "JPEG or PNG only" },
    },
  },
  emptyFile: {
    code: "empty_file",
    status: 400,
    when: "An uploaded media file is empty.",
    message: { id: "Berkasnya kosong", en: "The file is empty", fields: { file: "empty" } },
  },
});

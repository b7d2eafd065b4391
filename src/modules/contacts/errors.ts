/**
 * Errors of contacts and contact imports. Other modules use `unknownContact` and
 * `unknownImport` for body fields naming a contact or an import.
 */
import { defineErrors } from "../../lib/errors.js";

/** The whole-file refusals of an import name the file as the bad field. */
const rejected = (id: string, en: string) => ({ id, en, fields: { file: en } });

/** The contacts module's catalogue. */
export const contactErrors = defineErrors({
  notFound: {
    code: "contact_not_found",
    status: 404,
    when: "The contact in the path does not exist in the shop.",
    message: { id: "Kontak tidak ditemukan", en: "contact not found" },
  },
  unknownContact: {
    code: "unknown_contact",
    status: 400,
    when: "A body field (`contactId` of a template preview or an auto-reply test) names a contact that does not exist in the shop.",
    message: (p: { field: string }) => ({
      id: "Kontak tidak ditemukan",
      en: "Unknown contact",
      fields: { [p.field]: "unknown contact" },
    }),
  },
  exists: {
    code: "contact_exists",
    status: 409,
    when: "Adding a contact whose phone number another contact of the shop has.",
    message: (p: { phone: string }) => ({
      id: `Kontak dengan nomor ${p.phone} sudah ada`,
      en: `A contact with ${p.phone} already exists`,
    }),
  },
  phoneTaken: {
    code: "contact_exists",
    status: 409,
    when: "Changing a contact's phone number to one another contact of the shop has.",
    message: (p: { phone: string }) => ({
      id: `Kontak lain sudah memakai nomor ${p.phone}`,
      en: `Another contact already has ${p.phone}`,
    }),
  },
  importNotFound: {
    code: "import_not_found",
    status: 404,
    when: "The import in the path does not exist in the shop.",
    message: { id: "Impor tidak ditemukan", en: "import not found" },
  },
  unknownImport: {
    code: "unknown_import",
    status: 400,
    when: "A body field (`audience.importId`) names an import that does not exist in the shop.",
    message: (p: { field: string }) => ({
      id: "Impor tidak ditemukan",
      en: "Unknown import",
      fields: { [p.field]: "unknown import" },
    }),
  },
  mappingNotJson: {
    code: "invalid_mapping",
    status: 400,
    when: "An import's `mapping` query parameter is not JSON.",
    message: {
      id: "mapping bukan JSON yang valid",
      en: "mapping is not valid JSON",
      fields: { mapping: "invalid JSON" },
    },
  },
  invalidMapping: {
    code: "invalid_mapping",
    status: 400,
    when: "An import's column mapping is JSON but not a valid mapping; the field says what is wrong.",
    message: (p: { problem: string }) => ({
      id: "Pemetaan kolom tidak valid",
      en: "Invalid column mapping",
      fields: { mapping: p.problem },
    }),
  },
  importTooLarge: {
    code: "file_too_large",
    status: 413,
    when: "An imported file is larger than the upload limit: the rows read before it are kept, the import is marked failed.",
    message: {
      id: "Berkas terlalu besar; hanya bagian awalnya yang diimpor",
      en: "The file is too large; only its beginning was imported",
      fields: { file: "too large" },
    },
  },
  utf16: {
    code: "file_rejected",
    status: 422,
    when: "An imported file is UTF-16 text.",
    message: rejected(
      'Berkas berupa teks UTF-16 ("Unicode text"); simpan sebagai "CSV UTF-8" lalu unggah kembali',
      'The file is UTF-16 text ("Unicode text"); save it as "CSV UTF-8" and upload it again',
    ),
  },
  binary: {
    code: "file_rejected",
    status: 422,
    when: "An imported file is not text (it looks binary) and is no .xlsx either.",
    message: rejected(
      "Berkas ini bukan berkas teks (tampaknya biner); unggah berkas CSV, .xlsx, atau .vcf",
      "The file is not a text file (it looks binary); upload a CSV, .xlsx or .vcf file",
    ),
  },
  xlsxTooLarge: {
    code: "file_rejected",
    status: 422,
    when: "An imported .xlsx file is larger than the .xlsx limit.",
    message: (p: { limit: string }) =>
      rejected(
        `Berkas .xlsx lebih besar dari ${p.limit}; pecah berkasnya atau simpan sebagai CSV`,
        `The .xlsx file is larger than ${p.limit}; split it or save it as CSV`,
      ),
  },
  xlsxUnpackedTooLarge: {
    code: "file_rejected",
    status: 422,
    when: "An imported .xlsx file is larger than the limit once unpacked.",
    message: (p: { limit: string }) =>
      rejected(
        `Setelah dibuka, berkas .xlsx lebih besar dari ${p.limit}; pecah berkasnya atau simpan sebagai CSV`,
        `Unpacked, the .xlsx file is larger than ${p.limit}; split it or save it as CSV`,
      ),
  },
  xlsxCompression: {
    code: "file_rejected",
    status: 422,
    when: "An imported .xlsx file is compressed more than the allowed ratio (a zip bomb?).",
    message: (p: { ratio: number }) =>
      rejected(
        `Berkas .xlsx terkompresi lebih dari ${p.ratio} kali (zip bomb?); simpan ulang sebagai .xlsx atau CSV`,
        `The .xlsx file is compressed more than ${p.ratio} times (a zip bomb?); save it again as .xlsx or CSV`,
      ),
  },
  xlsxTooManyEntries: {
    code: "file_rejected",
    status: 422,
    when: "An imported .xlsx file holds more files inside than allowed.",
    message: (p: { max: number }) =>
      rejected(
        `Berkas .xlsx berisi lebih dari ${p.max} berkas di dalamnya; simpan ulang sebagai .xlsx atau CSV`,
        `The .xlsx file holds more than ${p.max} files inside; save it again as .xlsx or CSV`,
      ),
  },
  fileUnreadable: {
    code: "file_unreadable",
    status: 422,
    when: "An imported file is damaged or truncated (never the parser's internal message).",
    message: (p: { what: string }) => ({
      id: `Berkas ${p.what} rusak atau tidak lengkap sehingga tidak bisa dibaca; simpan ulang lalu unggah kembali`,
      en: `The ${p.what} is damaged or incomplete and cannot be read; save it again and upload it`,
      fields: { file: "unreadable" },
    }),
  },
  importBusy: {
    code: "import_busy",
    status: 503,
    when: "Too many spreadsheet files are being read in this process right now.",
    message: {
      id: "Terlalu banyak berkas spreadsheet yang sedang dibaca; coba lagi sebentar lagi",
      en: "Too many spreadsheet files are being read right now; try again in a minute",
    },
  },
});

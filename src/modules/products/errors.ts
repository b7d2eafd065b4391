/** Errors of the shop's catalogue (products) and its file imports. */
import { defineErrors } from "../../lib/errors.js";

/** The products module's catalogue. */
export const productErrors = defineErrors({
  notFound: {
    code: "product_not_found",
    status: 404,
    when: "The product in the path does not exist in the shop (another shop's product answers the same).",
    message: { id: "Produk tidak ditemukan", en: "product not found" },
  },
  duplicateSku: {
    code: "duplicate_sku",
    status: 409,
    when: "Adding a product, or changing its SKU, to a SKU another product of the shop has (regardless of case).",
    message: (p: { sku: string }) => ({
      id: `SKU ${p.sku} sudah dipakai produk lain`,
      en: `Another product already has SKU ${p.sku}`,
      fields: { sku: { id: "SKU sudah dipakai", en: "SKU already in use" } },
    }),
  },
  imageNotImage: {
    code: "invalid_product_image",
    status: 400,
    when: "A product's `image` is not an image (a video, audio or document).",
    message: {
      id: "Gambar produk harus berupa gambar (JPEG/PNG)",
      en: "A product image must be an image (JPEG/PNG)",
      fields: { "image.type": { id: "harus gambar", en: "must be an image" } },
    },
  },
  tooManyRows: {
    code: "too_many_rows",
    status: 400,
    when: "A product import file has more data rows than the limit (10,000).",
    message: (p: { limit: number }) => ({
      id: `File berisi lebih dari ${p.limit.toLocaleString("id-ID")} baris; bagi menjadi beberapa file`,
      en: `The file has more than ${p.limit.toLocaleString("en-US")} rows; split it into several files`,
      fields: { file: { id: `maksimal ${p.limit} baris`, en: `at most ${p.limit} rows` } },
    }),
  },
  fileTooLarge: {
    code: "file_too_large",
    status: 413,
    when: "A product import file is larger than 16 MB (10,000 rows take far less).",
    message: (p: { mb: number }) => ({
      id: `File terlalu besar: maksimal ${p.mb} MB`,
      en: `The file is too large: at most ${p.mb} MB`,
      fields: { file: `at most ${p.mb} MB` },
    }),
  },
  unreadableFile: {
    code: "invalid_product_file",
    status: 400,
    when: "A product import file is neither a CSV nor an .xlsx workbook, has no header row, or lacks the SKU, name or price column.",
    message: (p: { id: string; en: string }) => ({
      id: `File tidak bisa dibaca: ${p.id}`,
      en: `The file cannot be read: ${p.en}`,
      fields: { file: { id: p.id, en: p.en } },
    }),
  },
});

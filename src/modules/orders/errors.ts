/** Errors of orders. */
import { defineErrors } from "../../lib/errors.js";

/** The orders module's catalogue. */
export const orderErrors = defineErrors({
  notFound: {
    code: "order_not_found",
    status: 404,
    when: "The order in the path does not exist in the shop.",
    message: { id: "Pesanan tidak ditemukan", en: "order not found" },
  },
  illegalTransition: {
    code: "illegal_order_transition",
    status: 409,
    when: "A status change the order's flow does not allow (`completed → new`, anything from `cancelled`); the message names both statuses and `fields.status` the allowed ones.",
    message: (p: { from: string; to: string; allowed: string }) => ({
      id: `Status pesanan tidak bisa diubah dari ${p.from} ke ${p.to}`,
      en: `An order cannot move from ${p.from} to ${p.to}`,
      fields: { status: `allowed from ${p.from}: ${p.allowed}` },
    }),
  },
  locked: {
    code: "order_locked",
    status: 409,
    when: "An edit of the lines, amounts or payment method after the order left `draft`/`new`, or any edit of a closed order (completed, cancelled, returned); `fields` names what may not change.",
    message: (p: { status: string; fields: Record<string, string> }) => ({
      id: `Pesanan berstatus ${p.status} tidak bisa diubah di bagian ini`,
      en: `An order that is ${p.status} cannot change these fields`,
      fields: p.fields,
    }),
  },
  statusNeeds: {
    code: "order_status_incomplete",
    status: 400,
    when: "A status change without what it needs: `shipped` without a courier, `cancelled`/`returned` without a reason.",
    message: (p: { field: string; status: string }) => ({
      id:
        p.field === "courier" ? "Isi nama kurir untuk mengirim pesanan" : "Isi alasan pembatalan atau retur",
      en:
        p.field === "courier"
          ? "Give the courier to ship the order"
          : "Give the reason of the cancellation or return",
      fields: { [p.field]: `required for ${p.status}` },
    }),
  },
  unknownProducts: {
    code: "unknown_product",
    status: 400,
    when: "An order line names a product (by `productId` or `sku`) the shop does not have, or one that is inactive; `fields` names each line (`lines.2.sku`).",
    message: (p: { fields: Record<string, string> }) => ({
      id: `Produk tidak ditemukan atau tidak aktif: ${Object.keys(p.fields).join(", ")}`,
      en: `Unknown or inactive product: ${Object.keys(p.fields).join(", ")}`,
      fields: p.fields,
    }),
  },
  discountTooLarge: {
    code: "discount_too_large",
    status: 400,
    when: "The discount is larger than the subtotal plus shipping (the total would be negative).",
    message: {
      id: "Diskon lebih besar dari total belanja",
      en: "The discount is larger than the order's amount",
      fields: { discount: "larger than subtotal + shipping" },
    },
  },
  amountTooLarge: {
    code: "order_amount_too_large",
    status: 400,
    when: "The lines add up to more than Rp2.000.000.000 (2 billion), the largest order Kabar stores.",
    message: {
      id: "Total pesanan melebihi Rp2.000.000.000",
      en: "The order's amount exceeds Rp2,000,000,000",
      fields: { lines: "more than 2,000,000,000 rupiah in total" },
    },
  },
  unknownProvince: {
    code: "unknown_province",
    status: 400,
    when: "`province` is neither a code nor a name of one of Indonesia's 38 provinces.",
    message: {
      id: "Provinsi tidak dikenal",
      en: "Unknown province",
      fields: { province: "not a province of Indonesia (give its code or name)" },
    },
  },
  unknownConversation: {
    code: "unknown_conversation",
    status: 400,
    when: "`conversationId` names a conversation that does not exist in the shop.",
    message: {
      id: "Percakapan tidak ditemukan",
      en: "Unknown conversation",
      fields: { conversationId: "unknown conversation" },
    },
  },
  idempotencyConflict: {
    code: "idempotency_conflict",
    status: 409,
    when: "An `Idempotency-Key` (or `externalId`) already made an order from a different request body: a retry must send the same body.",
    message: (p: { key: string }) => ({
      id: `Kunci ${p.key} sudah dipakai untuk pesanan dengan isi berbeda`,
      en: `${p.key} was already used for an order with a different body`,
      fields: { [p.key]: "already used with a different body" },
    }),
  },
});

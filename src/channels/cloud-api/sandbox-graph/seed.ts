/**
 * What a sandbox WhatsApp Business Account starts with, and what its customers answer.
 */
import type { Rng } from "../../sandbox/prng.js";
import type { ListedTemplate } from "./rules.js";

/**
 * The templates every sandbox WABA lists as APPROVED from the start: `promo_bulanan`
 * (MARKETING, Indonesian, {{1}} = the customer's name) for the demo's first template
 * campaign, and `info_pesanan` (UTILITY, {{1}} = name, {{2}} = order number).
 */
export const SANDBOX_TEMPLATES: readonly ListedTemplate[] = [
  {
    name: "promo_bulanan",
    language: "id",
    status: "APPROVED",
    category: "MARKETING",
    parameter_format: "POSITIONAL",
    rejected_reason: "NONE",
    components: [
      {
        type: "BODY",
        text: "Halo {{1}}, promo bulan ini: diskon 20% untuk semua produk sampai akhir bulan. Balas pesan ini untuk pesan.",
        example: { body_text: [["Budi"]] },
      },
      { type: "FOOTER", text: "Balas STOP untuk berhenti" },
    ],
  },
  {
    name: "info_pesanan",
    language: "id",
    status: "APPROVED",
    category: "UTILITY",
    parameter_format: "POSITIONAL",
    rejected_reason: "NONE",
    components: [
      {
        type: "BODY",
        text: "Halo {{1}}, pesanan {{2}} sudah kami kirim hari ini.",
        example: { body_text: [["Budi", "INV-001"]] },
      },
    ],
  },
];

const REPLIES = [
  "Masih ada stoknya kak?",
  "Berapa harganya?",
  "Boleh kirim katalognya?",
  "Oke kak, saya mau pesan",
  "Promo sampai kapan?",
];

/** A customer's answer to a template, picked by the sandbox's generator. */
export function sandboxReply(rng: Rng): string {
  return rng.pick(REPLIES);
}

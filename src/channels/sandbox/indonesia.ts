/**
 * Plausible Indonesian customer data for the sandbox: names, mobile numbers and the
 * short replies UMKM shops get on WhatsApp.
 */
import type { E164 } from "../transport.js";
import type { Rng } from "./prng.js";

const FIRST_NAMES = [
  "Budi",
  "Siti",
  "Agus",
  "Dewi",
  "Andi",
  "Rina",
  "Eko",
  "Sri",
  "Joko",
  "Putri",
  "Ahmad",
  "Nur",
  "Rudi",
  "Wulan",
  "Hendra",
  "Yuni",
  "Dedi",
  "Lina",
  "Bambang",
  "Fitri",
  "Arif",
  "Ratna",
  "Fajar",
  "Indah",
  "Rizky",
  "Ayu",
  "Hadi",
  "Maya",
  "Irfan",
  "Novi",
  "Teguh",
  "Dian",
  "Wahyu",
  "Sari",
  "Yusuf",
  "Kartika",
  "Bayu",
  "Lestari",
  "Gilang",
  "Citra",
] as const;

const LAST_NAMES = [
  "Santoso",
  "Rahayu",
  "Setiawan",
  "Lestari",
  "Pratama",
  "Wijaya",
  "Prasetyo",
  "Wahyuni",
  "Susilo",
  "Hidayat",
  "Saputra",
  "Kusuma",
  "Nugroho",
  "Permata",
  "Hakim",
  "Siregar",
  "Nasution",
  "Simanjuntak",
  "Gunawan",
  "Purnomo",
  "Utami",
  "Firmansyah",
  "Kurniawan",
  "Handayani",
  "Syahputra",
  "Halim",
  "Tanjung",
  "Harahap",
  "Ramadhan",
  "Maharani",
] as const;

/**
 * Mobile prefixes after +62 (Telkomsel, Indosat, XL, Axis, Tri, Smartfren); with eight
 * more digits each forms a number libphonenumber-js (max metadata) accepts as MOBILE.
 */
const MOBILE_PREFIXES = [
  "811",
  "812",
  "813",
  "821",
  "822",
  "823",
  "851",
  "852",
  "853",
  "814",
  "815",
  "816",
  "855",
  "856",
  "857",
  "858",
  "817",
  "818",
  "819",
  "859",
  "877",
  "878",
  "831",
  "832",
  "833",
  "838",
  "895",
  "896",
  "897",
  "898",
  "899",
  "881",
  "882",
  "883",
  "887",
  "888",
] as const;

/** What a customer answers to a broadcast, when they answer. */
export const DEFAULT_REPLIES: readonly string[] = [
  "Berapa harganya kak?",
  "Masih ada stok?",
  "Terima kasih infonya",
  "Mau pesan 2 ya",
  "Bisa COD kak?",
  "Ongkir ke Bekasi berapa?",
  "Ada warna lain?",
  "Promo sampai kapan kak?",
  "Bisa kirim hari ini?",
  "Oke kak, nanti saya kabari",
  "Lokasi tokonya di mana?",
  "Bisa transfer BCA?",
  "Ukuran L masih ada?",
  "Siap, makasih kak 🙏",
];

/** What a customer who wants no more broadcasts answers (the opt-out words of §5). */
export const OPT_OUT_REPLIES: readonly string[] = ["STOP", "BERHENTI"];

/** "Budi Santoso", or a single name now and then, as many Indonesians have. */
export function randomName(rng: Rng): string {
  const first = rng.pick(FIRST_NAMES);
  return rng.chance(0.15) ? first : `${first} ${rng.pick(LAST_NAMES)}`;
}

/** A valid Indonesian mobile number in E.164, e.g. "+6281234567890". */
export function randomMobile(rng: Rng): E164 {
  return `+62${rng.pick(MOBILE_PREFIXES)}${rng.int(10_000_000, 99_999_999)}`;
}

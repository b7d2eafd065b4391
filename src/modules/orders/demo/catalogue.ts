/**
 * What the demo shop ("Toko Contoh", a small coffee and grocery shop) sells and where its
 * customers live: the catalogue, the baskets its customers buy (coffee often with palm
 * sugar, so cross-sell has signal), the places it ships to and the words of its orders.
 */
import type { Rng } from "../../../channels/sandbox/prng.js";

/** A product of the demo catalogue: rupiah prices, `consumptionDays` one unit lasts. */
interface DemoProduct {
  sku: string;
  name: string;
  price: number;
  category: string;
  consumptionDays: number;
}

/** About ten products an Indonesian coffee/grocery UMKM sells, with how long one unit lasts. */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    sku: "KOPI-GAYO-250",
    name: "Kopi Arabika Gayo 250 g",
    price: 85_000,
    category: "Kopi",
    consumptionDays: 14,
  },
  {
    sku: "KOPI-ROBUSTA-250",
    name: "Kopi Robusta Lampung 250 g",
    price: 55_000,
    category: "Kopi",
    consumptionDays: 14,
  },
  {
    sku: "KOPI-TORAJA-200",
    name: "Kopi Arabika Toraja 200 g",
    price: 95_000,
    category: "Kopi",
    consumptionDays: 12,
  },
  {
    sku: "KOPI-SACHET-10",
    name: "Kopi Susu Gula Aren Sachet isi 10",
    price: 35_000,
    category: "Kopi",
    consumptionDays: 10,
  },
  {
    sku: "TEH-MELATI-50",
    name: "Teh Melati Tubruk 50 g",
    price: 18_000,
    category: "Teh",
    consumptionDays: 20,
  },
  {
    sku: "GULA-AREN-500",
    name: "Gula Aren Cair 500 ml",
    price: 32_000,
    category: "Pemanis",
    consumptionDays: 21,
  },
  {
    sku: "SUSU-UHT-1L",
    name: "Susu UHT Full Cream 1 L",
    price: 21_000,
    category: "Susu",
    consumptionDays: 5,
  },
  {
    sku: "MADU-HUTAN-350",
    name: "Madu Hutan 350 g",
    price: 75_000,
    category: "Pemanis",
    consumptionDays: 30,
  },
  { sku: "KRIMER-500", name: "Krimer Nabati 500 g", price: 28_000, category: "Susu", consumptionDays: 25 },
  {
    sku: "FILTER-V60-100",
    name: "Kertas Filter V60 isi 100",
    price: 45_000,
    category: "Alat Kopi",
    consumptionDays: 60,
  },
];

const BEANS = ["KOPI-GAYO-250", "KOPI-ROBUSTA-250", "KOPI-TORAJA-200"];
const CHEAP = ["TEH-MELATI-50", "SUSU-UHT-1L", "KRIMER-500", "KOPI-SACHET-10"];
/** What a regular basket starts with, weighted: mostly coffee. */
const FIRST_PICK: ReadonlyArray<readonly [string, number]> = [
  ["KOPI-GAYO-250", 25],
  ["KOPI-ROBUSTA-250", 20],
  ["KOPI-TORAJA-200", 10],
  ["KOPI-SACHET-10", 12],
  ["TEH-MELATI-50", 10],
  ["SUSU-UHT-1L", 8],
  ["MADU-HUTAN-350", 6],
  ["KRIMER-500", 4],
  ["FILTER-V60-100", 5],
];
/** What goes with what, and how often: coffee beans with palm sugar above all. */
const ALONG: Record<string, ReadonlyArray<readonly [string, number]>> = {
  "KOPI-GAYO-250": [
    ["GULA-AREN-500", 0.6],
    ["SUSU-UHT-1L", 0.25],
    ["FILTER-V60-100", 0.2],
  ],
  "KOPI-ROBUSTA-250": [
    ["GULA-AREN-500", 0.6],
    ["SUSU-UHT-1L", 0.3],
    ["KRIMER-500", 0.15],
  ],
  "KOPI-TORAJA-200": [
    ["GULA-AREN-500", 0.5],
    ["FILTER-V60-100", 0.3],
  ],
  "KOPI-SACHET-10": [["SUSU-UHT-1L", 0.2]],
  "TEH-MELATI-50": [
    ["MADU-HUTAN-350", 0.35],
    ["GULA-AREN-500", 0.2],
  ],
  "SUSU-UHT-1L": [["KOPI-SACHET-10", 0.2]],
};

/** How much a customer buys at once: one cheap item, a household basket, or a reseller's stock. */
export type BasketKind = "tiny" | "small" | "regular" | "bulk";

/** A basket of `kind`: SKUs with quantities, each SKU once. */
export function basket(rng: Rng, kind: BasketKind): Array<{ sku: string; quantity: number }> {
  if (kind === "tiny") return [{ sku: rng.pick(CHEAP), quantity: 1 }];
  if (kind === "bulk") {
    const bean = rng.pick(BEANS);
    const lines = [
      { sku: bean, quantity: rng.int(12, 24) },
      { sku: "GULA-AREN-500", quantity: rng.int(12, 24) },
    ];
    if (rng.chance(0.5)) lines.push({ sku: "SUSU-UHT-1L", quantity: rng.int(12, 24) });
    return lines;
  }
  const first = kind === "small" ? rng.pick(BEANS.slice(0, 2)) : weighted(rng, FIRST_PICK);
  const lines = [{ sku: first, quantity: kind === "regular" ? rng.int(1, 2) : 1 }];
  for (const [sku, p] of ALONG[first] ?? []) if (rng.chance(p)) lines.push({ sku, quantity: 1 });
  return lines;
}

/** One of `items`, each as likely as its weight. */
export function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  let roll = rng.next() * items.reduce((n, [, w]) => n + w, 0);
  for (const [item, w] of items) {
    roll -= w;
    if (roll < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Where the demo customers live: a province code (src/lib/regions) and a city; Java first. */
export const DEMO_PLACES: ReadonlyArray<{ province: string; city: string; zone: "java" | "near" | "far" }> = [
  { province: "31", city: "Jakarta Selatan", zone: "java" },
  { province: "31", city: "Jakarta Timur", zone: "java" },
  { province: "32", city: "Bandung", zone: "java" },
  { province: "32", city: "Bekasi", zone: "java" },
  { province: "32", city: "Bogor", zone: "java" },
  { province: "36", city: "Tangerang Selatan", zone: "java" },
  { province: "33", city: "Semarang", zone: "java" },
  { province: "34", city: "Yogyakarta", zone: "java" },
  { province: "35", city: "Surabaya", zone: "java" },
  { province: "35", city: "Malang", zone: "java" },
  { province: "51", city: "Denpasar", zone: "near" },
  { province: "12", city: "Medan", zone: "near" },
  { province: "16", city: "Palembang", zone: "near" },
  { province: "18", city: "Bandar Lampung", zone: "near" },
  { province: "11", city: "Banda Aceh", zone: "far" },
  { province: "73", city: "Makassar", zone: "far" },
  { province: "64", city: "Balikpapan", zone: "far" },
  { province: "71", city: "Manado", zone: "far" },
];

/** Shipping cost in rupiah (whole thousands) to a place of `zone`. */
export function shippingTo(rng: Rng, zone: "java" | "near" | "far"): number {
  const [min, max] = zone === "java" ? [9, 18] : zone === "near" ? [15, 30] : [25, 45];
  return rng.int(min, max) * 1000;
}

export const STREETS = [
  "Jl. Melati",
  "Jl. Kenanga",
  "Jl. Sudirman",
  "Jl. Diponegoro",
  "Jl. Cempaka",
  "Gg. Mawar",
];
export const COURIERS = ["JNE", "J&T Express", "SiCepat", "AnterAja", "Pos Indonesia"];
export const CANCEL_REASONS = [
  "Pelanggan membatalkan pesanan",
  "Stok habis",
  "Pembayaran tidak masuk",
  "COD ditolak saat diantar",
];
export const RETURN_REASONS = ["Paket rusak saat pengiriman", "Produk tidak sesuai pesanan"];

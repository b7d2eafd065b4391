/**
 * Indonesia's 38 provinces with their Kemendagri codes (Keputusan Menteri Dalam Negeri
 * No. 100.1.1-6117 Tahun 2022, which added the four new Papuan provinces). An order's
 * shipping address stores the code; screens and exports show the name.
 */
export const PROVINCES = [
  { code: "11", name: "Aceh" },
  { code: "12", name: "Sumatera Utara" },
  { code: "13", name: "Sumatera Barat" },
  { code: "14", name: "Riau" },
  { code: "15", name: "Jambi" },
  { code: "16", name: "Sumatera Selatan" },
  { code: "17", name: "Bengkulu" },
  { code: "18", name: "Lampung" },
  { code: "19", name: "Kepulauan Bangka Belitung" },
  { code: "21", name: "Kepulauan Riau" },
  { code: "31", name: "DKI Jakarta" },
  { code: "32", name: "Jawa Barat" },
  { code: "33", name: "Jawa Tengah" },
  { code: "34", name: "DI Yogyakarta" },
  { code: "35", name: "Jawa Timur" },
  { code: "36", name: "Banten" },
  { code: "51", name: "Bali" },
  { code: "52", name: "Nusa Tenggara Barat" },
  { code: "53", name: "Nusa Tenggara Timur" },
  { code: "61", name: "Kalimantan Barat" },
  { code: "62", name: "Kalimantan Tengah" },
  { code: "63", name: "Kalimantan Selatan" },
  { code: "64", name: "Kalimantan Timur" },
  { code: "65", name: "Kalimantan Utara" },
  { code: "71", name: "Sulawesi Utara" },
  { code: "72", name: "Sulawesi Tengah" },
  { code: "73", name: "Sulawesi Selatan" },
  { code: "74", name: "Sulawesi Tenggara" },
  { code: "75", name: "Gorontalo" },
  { code: "76", name: "Sulawesi Barat" },
  { code: "81", name: "Maluku" },
  { code: "82", name: "Maluku Utara" },
  { code: "91", name: "Papua" },
  { code: "92", name: "Papua Barat" },
  { code: "93", name: "Papua Selatan" },
  { code: "94", name: "Papua Tengah" },
  { code: "95", name: "Papua Pegunungan" },
  { code: "96", name: "Papua Barat Daya" },
] as const;

/** A province code, "11" to "96". */
type ProvinceCode = (typeof PROVINCES)[number]["code"];

const byCode = new Map<string, string>(PROVINCES.map((p) => [p.code, p.name]));
const fold = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const byName = new Map<string, ProvinceCode>(PROVINCES.map((p) => [fold(p.name), p.code]));
// Names people write for the same province.
for (const [alias, code] of [
  ["jakarta", "31"],
  ["dkijakarta", "31"],
  ["yogyakarta", "34"],
  ["diy", "34"],
  ["jogja", "34"],
  ["jabar", "32"],
  ["jateng", "33"],
  ["jatim", "35"],
  ["sumut", "12"],
  ["sumbar", "13"],
  ["sumsel", "16"],
  ["babel", "19"],
  ["bangkabelitung", "19"],
  ["kepri", "21"],
  ["ntb", "52"],
  ["ntt", "53"],
  ["kalbar", "61"],
  ["kalteng", "62"],
  ["kalsel", "63"],
  ["kaltim", "64"],
  ["kaltara", "65"],
  ["sulut", "71"],
  ["sulteng", "72"],
  ["sulsel", "73"],
  ["sultra", "74"],
  ["sulbar", "76"],
  ["malut", "82"],
] as const) {
  byName.set(alias, code);
}

/**
 * The province code for a code or a name as people write it ("32", "Jawa Barat", "jabar",
 * "DKI Jakarta", "Jakarta"), or null when it names no province.
 */
export function provinceCode(input: string): ProvinceCode | null {
  const s = input.trim();
  if (byCode.has(s)) return s as ProvinceCode;
  return byName.get(fold(s)) ?? null;
}

/** The province's name for its code, or null for an unknown code. */
export function provinceName(code: string): string | null {
  return byCode.get(code) ?? null;
}

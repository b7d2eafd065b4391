/** A whole-rupiah amount as Indonesian shops write it, in both languages: 15000 → "Rp15.000". */
export function formatRupiah(amount: number): string {
  return `Rp${Math.trunc(amount).toLocaleString("id-ID")}`;
}

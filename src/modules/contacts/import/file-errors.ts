/**
 * Whole-file refusals of the contact importers: the file cannot or may not be read at
 * all (too large when unpacked, damaged, binary…). Row problems are never thrown: they
 * are yielded as RowErrors with their line.
 */
import { KabarError } from "../../../lib/errors.js";

/**
 * 422 `file_rejected`: the file breaks a documented limit or is not what it claims to
 * be. The message names the limit, e.g. "unpacked, the .xlsx is larger than 100 MB".
 */
export function fileRejected(en: string, id: string): KabarError {
  return new KabarError("file_rejected", 422, { en, id }, { file: en });
}

/** 422 `file_unreadable`: a damaged or truncated file (never the parser's internal message). */
export function fileUnreadable(what: string): KabarError {
  return new KabarError(
    "file_unreadable",
    422,
    {
      en: `The ${what} is damaged or incomplete and cannot be read; save it again and upload it`,
      id: `Berkas ${what} rusak atau tidak lengkap sehingga tidak bisa dibaca; simpan ulang lalu unggah kembali`,
    },
    { file: "unreadable" },
  );
}

/** 503 `import_busy`: too many files are being parsed in this process right now. */
export function importBusy(): KabarError {
  return new KabarError("import_busy", 503, {
    en: "Too many spreadsheet files are being read right now; try again in a minute",
    id: "Terlalu banyak berkas spreadsheet yang sedang dibaca; coba lagi sebentar lagi",
  });
}

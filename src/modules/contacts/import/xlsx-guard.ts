/**
 * Checks an .xlsx archive (a ZIP file, ECMA-376 Part 2; ZIP format: PKWARE APPNOTE.TXT
 * 6.3) before any of it is parsed, so a "zip bomb" — a small upload that unpacks to
 * gigabytes — is refused instead of exhausting the heap.
 *
 * The upload (at most {@link MAX_XLSX_FILE_BYTES}) is buffered and its central directory
 * read: entry count, each entry's and the total declared uncompressed size and each
 * entry's compression ratio are checked against the limits below. Declared sizes can lie,
 * so every entry is then inflated once with node:zlib into a byte counter (nothing kept)
 * that stops at the declared size or the remaining total, whichever is smaller. Finally
 * the archive handed to the parser is rebuilt from the central directory: each checked
 * entry's compressed bytes behind a fresh local header with the verified sizes, so the
 * streaming reader (which follows local headers, not the directory) inflates exactly the
 * bytes that were counted and no entry the directory does not list.
 */
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { contactErrors } from "../errors.js";

const MiB = 1024 * 1024;

/** Largest .xlsx upload (compressed bytes; held in memory while checked): 32 MB. */
const MAX_XLSX_FILE_BYTES = 32 * MiB;
/** Largest total unpacked size of all entries of an .xlsx: 100 MB (~300,000 contact rows). */
const MAX_XLSX_UNCOMPRESSED_BYTES = 100 * MiB;
/** Most entries (files inside the ZIP) an .xlsx may have: 1,000 (a workbook has ~10–50). */
const MAX_XLSX_ENTRIES = 1000;
/**
 * Highest compression ratio (unpacked ÷ packed) of an entry larger than
 * {@link RATIO_CHECK_FROM_BYTES}: 200. Real sheets compress 5–30×; a zip bomb ~1,000×.
 */
const MAX_XLSX_COMPRESSION_RATIO = 200;
/** Entries smaller than this (unpacked) are not ratio-checked: 1 MB (tiny repetitive XML is harmless). */
const RATIO_CHECK_FROM_BYTES = 1 * MiB;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** One entry as the central directory describes it. */
interface Entry {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the compressed data (after the local header). */
  dataStart: number;
}

const mb = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

/**
 * Reads `input` to the end into memory, refusing more than {@link MAX_XLSX_FILE_BYTES}.
 * @throws KabarError 422 `file_rejected`
 */
export async function bufferXlsx(input: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += buffer.length;
    if (length > MAX_XLSX_FILE_BYTES) {
      throw contactErrors.xlsxTooLarge({ limit: mb(MAX_XLSX_FILE_BYTES) });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Checks the archive `zip` against the limits above and returns it rebuilt (see the
 * module comment) as a stream for the workbook reader.
 * @throws KabarError 422 `file_rejected` naming the limit broken; 422 `file_unreadable`
 *   for a truncated or damaged archive (no end record, bad headers, corrupt deflate data,
 *   sizes that do not match), ZIP64 or encrypted entries
 */
export async function checkXlsxArchive(zip: Buffer): Promise<Readable> {
  const entries = readCentralDirectory(zip);
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > MAX_XLSX_UNCOMPRESSED_BYTES) throw tooLarge();
    if (e.size > RATIO_CHECK_FROM_BYTES && e.size > e.compressedSize * MAX_XLSX_COMPRESSION_RATIO) {
      throw contactErrors.xlsxCompression({ ratio: MAX_XLSX_COMPRESSION_RATIO });
    }
  }
  let budget = MAX_XLSX_UNCOMPRESSED_BYTES;
  for (const e of entries) {
    const data = zip.subarray(e.dataStart, e.dataStart + e.compressedSize);
    // Counted up to the remaining budget, not the declared size: a lying entry is refused as too large.
    const real = e.method === 0 ? data.length : await inflatedLength(data, budget + 1);
    if (real > budget) throw tooLarge();
    if (real !== e.size) throw contactErrors.fileUnreadable({ what: ".xlsx" });
    budget -= real;
  }
  return Readable.from(rebuild(zip, entries), { objectMode: false });
}

function tooLarge() {
  return contactErrors.xlsxUnpackedTooLarge({ limit: mb(MAX_XLSX_UNCOMPRESSED_BYTES) });
}

/** The entries of the central directory, validated against their local headers. */
function readCentralDirectory(zip: Buffer): Entry[] {
  const damaged = () => contactErrors.fileUnreadable({ what: ".xlsx" });
  // The end of central directory record: 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged();
  const count = zip.readUInt16LE(end + 10);
  const cdSize = zip.readUInt32LE(end + 12);
  const cdOffset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw damaged(); // ZIP64: not written by spreadsheet apps for contact lists
  if (count > MAX_XLSX_ENTRIES) {
    throw contactErrors.xlsxTooManyEntries({ max: MAX_XLSX_ENTRIES });
  }
  if (cdOffset + cdSize > end) throw damaged();
  const entries: Entry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL) throw damaged();
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = {
      name: zip.subarray(at + 46, at + 46 + nameLength),
      flags,
      method,
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
    };
    if ((flags & 0x1) !== 0 || (method !== 0 && method !== 8) || next > end) throw damaged();
    if (method === 0 && entry.compressedSize !== entry.size) throw damaged();
    if (local + 30 > cdOffset || zip.readUInt32LE(local) !== LOCAL) throw damaged();
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataStart + entry.compressedSize > cdOffset) throw damaged();
    entries.push({ ...entry, dataStart });
    at = next;
  }
  return entries;
}

/**
 * How many bytes `data` inflates to, counting as it inflates and stopping once `cap` is
 * reached (the output is never kept). @throws KabarError 422 for corrupt deflate data
 */
function inflatedLength(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total >= cap) {
        resolve(total);
        inflate.destroy();
      }
    });
    inflate.on("end", () => resolve(total));
    inflate.on("error", () => reject(contactErrors.fileUnreadable({ what: ".xlsx" })));
    inflate.end(data);
  });
}

/** The archive again, from the checked entries only, with sizes in every local header (no data descriptors). */
function* rebuild(zip: Buffer, entries: Entry[]): Generator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags & 0x0800, 6); // keep "UTF-8 names", drop the data descriptor bit
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.compressedSize, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(e.flags & 0x0800, 8);
    header.writeUInt16LE(e.method, 10);
    header.writeUInt32LE(e.crc, 16);
    header.writeUInt32LE(e.compressedSize, 20);
    header.writeUInt32LE(e.size, 24);
    header.writeUInt16LE(e.name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, e.name);
    yield local;
    yield e.name;
    yield zip.subarray(e.dataStart, e.dataStart + e.compressedSize);
    offset += 30 + e.name.length + e.compressedSize;
  }
  const directory = Buffer.concat(central);
  const record = Buffer.alloc(22);
  record.writeUInt32LE(EOCD, 0);
  record.writeUInt16LE(entries.length, 8);
  record.writeUInt16LE(entries.length, 10);
  record.writeUInt32LE(directory.length, 12);
  record.writeUInt32LE(offset, 16);
  yield directory;
  yield record;
}

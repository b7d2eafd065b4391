import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../test/fixtures/contacts/helpers.js";
import { detectDelimiter, MAX_RECORD_LINES, readCsvRows, splitCsvLine } from "./csv-reader.js";

/** The text as a stream of `size`-byte chunks, so characters, BOM and CRLFs cross chunk boundaries. */
const chunked = (text: string, size = 2) => {
  const bytes = Buffer.from(text);
  return Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );
};

describe("detectDelimiter", () => {
  it.each([
    ["nama,hp,kota", ","],
    ["Nama Lengkap;No. HP;Kota", ";"],
    ["nama\thp\tkota", "\t"],
    ["nama|hp|kota", "|"],
    ['"nama; panggilan",hp,kota', ","],
    ["nama", ","],
  ])("%j → %j", (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});

describe("splitCsvLine", () => {
  it("handles quotes, doubled quotes, empty and stray-quoted fields", () => {
    expect(splitCsvLine('a,"b,c","say ""hi""",,d"e,"f"g', ",")).toEqual([
      "a",
      "b,c",
      'say "hi"',
      "",
      'd"e',
      "fg",
    ]);
    expect(splitCsvLine("a;b;", ";")).toEqual(["a", "b", ""]);
  });
});

describe("readCsvRows", () => {
  it("numbers records by their first line with CRLF, LF and CR line ends, across chunks", async () => {
    const text = '\uFEFFnama,hp\r\nBudi é,"08\r\n12"\r\n\r\nSiti,0813\rAni,0814\nDedi,0815';
    const rows = await collect(readCsvRows(chunked(text)));
    expect(rows).toEqual([
      { line: 1, cells: ["nama", "hp"], raw: "nama,hp" },
      { line: 2, cells: ["Budi é", "08\n12"], raw: 'Budi é,"08\n12"' },
      { line: 4, cells: [""], raw: "" },
      { line: 5, cells: ["Siti", "0813"], raw: "Siti,0813" },
      { line: 6, cells: ["Ani", "0814"], raw: "Ani,0814" },
      { line: 7, cells: ["Dedi", "0815"], raw: "Dedi,0815" },
    ]);
  });

  it("reports an unclosed quote at its line and resumes on the next line (end of file)", async () => {
    const text = 'nama,hp,kota\nAni,"0812,Bogor\nDedi,0815,Solo\nEka,0816,Depok\n';
    const rows = await collect(readCsvRows(Readable.from([text])));
    expect(rows).toEqual([
      { line: 1, cells: ["nama", "hp", "kota"], raw: "nama,hp,kota" },
      { line: 2, reason: 'unclosed quote (")', raw: 'Ani,"0812,Bogor' },
      { line: 3, cells: ["Dedi", "0815", "Solo"], raw: "Dedi,0815,Solo" },
      { line: 4, cells: ["Eka", "0816", "Depok"], raw: "Eka,0816,Depok" },
    ]);
  });

  it("treats a multi-line record whose field count differs from the header as an unclosed quote", async () => {
    const text = 'nama,hp,kota\nAni,"0812,Bogor\nDedi,0815,Solo\n"Eka",0816,"Depok"\n';
    const rows = await collect(readCsvRows(Readable.from([text])));
    expect(rows.slice(1, 4)).toEqual([
      { line: 2, reason: 'unclosed quote (")', raw: 'Ani,"0812,Bogor' },
      { line: 3, cells: ["Dedi", "0815", "Solo"], raw: "Dedi,0815,Solo" },
      { line: 4, cells: ["Eka", "0816", "Depok"], raw: '"Eka",0816,"Depok"' },
    ]);
  });

  it(`gives up on a quoted field after ${MAX_RECORD_LINES} lines`, async () => {
    const lines = [
      "nama,hp",
      'Ani,"0812',
      ...Array.from({ length: MAX_RECORD_LINES + 5 }, (_, i) => `Orang ${i},0813${i}`),
    ];
    const rows = await collect(readCsvRows(Readable.from([lines.join("\n")])));
    expect(rows[1]).toEqual({ line: 2, reason: 'unclosed quote (")', raw: 'Ani,"0812' });
    expect(rows[2]).toEqual({ line: 3, cells: ["Orang 0", "08130"], raw: "Orang 0,08130" });
    expect(rows).toHaveLength(2 + MAX_RECORD_LINES + 5);
  });

  it("uses an explicit delimiter instead of detecting one", async () => {
    const rows = await collect(readCsvRows(Readable.from(["a,b;c\n1,2;3\n"]), ";"));
    expect(rows.map((row) => ("cells" in row ? row.cells : row))).toEqual([
      ["a,b", "c"],
      ["1,2", "3"],
    ]);
  });
});

describe("readCsvRows: unusable lines and stray quotes", () => {
  it("reports a line with a NUL byte, invalid UTF-8 or over the length limit alone, at its line", async () => {
    const bytes = Buffer.concat([
      Buffer.from("nama,hp\r\nA,1\r\nB\u0000,2\r\nC"),
      Buffer.from([0xff]),
      Buffer.from(`,3\r\n${"D".repeat(140 * 1024)},4\r\nE,5\r\n`),
    ]);
    const rows = await collect(
      readCsvRows(
        Readable.from(
          Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, (i + 1) * 7)),
        ),
      ),
    );
    expect(rows.map((r) => ("cells" in r ? [r.line, r.cells.join("|")] : [r.line, r.reason]))).toEqual([
      [1, "nama|hp"],
      [2, "A|1"],
      [3, "contains a NUL byte (binary data), which cannot be stored"],
      [4, 'not valid UTF-8 text (save the file as "CSV UTF-8")'],
      [5, "line longer than 131072 bytes"],
      [6, "E|5"],
    ]);
  });

  it("takes a quote closed by another row's stray quote for an unclosed one, keeping the rows between", async () => {
    const rows = await collect(
      readCsvRows(chunked('nama,hp,kota\n"Agus,1,Solo\nBudi,2,Solo\n"Cici,3,Solo\nDedi,4,Solo\n')),
    );
    expect(rows.map((r) => ("cells" in r ? [r.line, r.cells[0]] : [r.line, r.reason]))).toEqual([
      [1, "nama"],
      [2, 'unclosed quote (")'],
      [3, "Budi"],
      [4, 'unclosed quote (")'],
      [5, "Dedi"],
    ]);
  });
});

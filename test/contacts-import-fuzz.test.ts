/**
 * Importer fuzz suite (issue 9, "Keep it so"): every importer (CSV, Google CSV, Outlook
 * CSV, .xlsx, vCard) gets files with good rows and malformed ones mixed in — NUL bytes,
 * unterminated quotes, invalid UTF-8, a 1 MB line, names over the API limit, broken vCard
 * encodings, missing END:VCARD — plus whole-file attacks (empty, binary, zip bomb,
 * truncated archive). Deterministic: a tiny seeded generator (mulberry32) decides names,
 * positions and which corruption goes where; set KABAR_FUZZ_SEED to replay another seed.
 * Asserts: never a 5xx, every good row kept, every bad row reported at its own line,
 * and the server still answers afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportSummary } from "../src/modules/contacts/imports.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { apiClient, multipartBody, ok, uploadContacts, type Api, type ContactPage } from "./support/api.js";
import { bombXlsx, makeXlsx } from "./fixtures/contacts/zip.js";
import { mulberry32 } from "./support/rng.js";

const SEED = Number(process.env.KABAR_FUZZ_SEED ?? 20261206);

const random = mulberry32(SEED);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;

const FIRST = ["Budi", "Siti", "Agus", "Dewi", "Rina", "Joko", "Wati", "Eko", "Fitri", "Hendra"] as const;
const LAST = ["Santoso", "Lestari", "Wijaya", "Pratama", "Saputra", "Kusuma"] as const;

let phoneCounter = 0;
/** A fresh, valid Indonesian mobile number (0815 0000 nnnn), unique within the run. */
const freshPhone = () =>
  `08150${String(SEED % 1000).padStart(3, "0")}${String(++phoneCounter).padStart(4, "0")}`;

/** A row-level corruption: how it changes a good row's first name. `lenient`: the importer may keep it. */
interface RowCorruption {
  name: string;
  apply: (first: string) => Buffer;
  lenient?: boolean;
}

const TEXT_CORRUPTIONS: RowCorruption[] = [
  { name: "NUL byte", apply: (first) => Buffer.from(`${first.slice(0, 2)}\u0000${first.slice(2)}`) },
  { name: "unterminated quote", apply: (first) => Buffer.from(`"${first}`) },
  {
    name: "invalid UTF-8",
    apply: (first) => Buffer.concat([Buffer.from(first), Buffer.from([0xc3, 0x28, 0xff])]),
  },
  { name: "1 MB line", apply: () => Buffer.alloc(1024 * 1024, "N") },
  { name: "name over 200 characters", apply: (first) => Buffer.from(first + "a".repeat(int(200, 400))) },
];

type TextFormat = "csv" | "google" | "outlook";
const LAYOUTS: Record<
  TextFormat,
  { header: string; row: (first: Buffer, last: string, phone: string) => Buffer }
> = {
  csv: {
    header: "nama,telepon,kota",
    row: (first, last, phone) => Buffer.concat([first, Buffer.from(` ${last},${phone},Solo`)]),
  },
  google: {
    header: "First Name,Last Name,Labels,Phone 1 - Label,Phone 1 - Value",
    row: (first, last, phone) => Buffer.concat([first, Buffer.from(`,${last},* myContacts,Mobile,${phone}`)]),
  },
  outlook: {
    header: "First Name,Last Name,E-mail Address,Mobile Phone,Categories",
    row: (first, last, phone) => Buffer.concat([first, Buffer.from(`,${last},,${phone},Pelanggan`)]),
  },
};

/** A generated file and what the importer must make of it. */
interface Case {
  title: string;
  filename: string;
  file: Buffer;
  format?: string;
  goodPhones: string[];
  /** Lines that must be reported. */
  badLines: number[];
  /** Lines that may be reported or kept (lenient decoders). */
  maybeLines?: number[];
}

/** Good rows with `bad` corrupted rows mixed in at random positions (each corruption once or twice). */
function textCase(format: TextFormat, corruption: RowCorruption): Case {
  const layout = LAYOUTS[format];
  const rows: Array<{ bytes: Buffer; phone: string; bad: boolean }> = [];
  const good = int(3, 7);
  for (let i = 0; i < good; i++) {
    const phone = freshPhone();
    rows.push({ bytes: layout.row(Buffer.from(pick(FIRST)), pick(LAST), phone), phone, bad: false });
  }
  for (let b = int(1, 2); b > 0; b--) {
    const phone = freshPhone();
    rows.splice(int(0, rows.length), 0, {
      bytes: layout.row(corruption.apply(pick(FIRST)), pick(LAST), phone),
      phone,
      bad: true,
    });
  }
  const lineBreak = pick(["\n", "\r\n"]);
  const file = Buffer.concat([
    Buffer.from(layout.header + lineBreak),
    ...rows.flatMap((r) => [r.bytes, Buffer.from(lineBreak)]),
  ]);
  return {
    title: `${format}: ${corruption.name}`,
    filename: `fuzz-${format}.csv`,
    file,
    format,
    goodPhones: rows.filter((r) => !r.bad).map((r) => r.phone),
    badLines: rows.flatMap((r, i) => (r.bad ? [i + 2] : [])),
  };
}

function xlsxCase(corruption: "name over 200 characters" | "no phone"): Case {
  const rows: Array<{ cells: string[]; phone: string; bad: boolean }> = [];
  for (let i = int(3, 7); i > 0; i--) {
    const phone = freshPhone();
    rows.push({ cells: [`${pick(FIRST)} ${pick(LAST)}`, phone], phone, bad: false });
  }
  const phone = freshPhone();
  const bad = corruption === "no phone" ? [`${pick(FIRST)} Tanpa`, ""] : ["x".repeat(int(201, 500)), phone];
  rows.splice(int(0, rows.length), 0, { cells: bad, phone, bad: true });
  return {
    title: `xlsx: ${corruption}`,
    filename: "fuzz.xlsx",
    file: makeXlsx([["nama", "telepon"], ...rows.map((r) => r.cells)]),
    format: "xlsx",
    goodPhones: rows.filter((r) => !r.bad).map((r) => r.phone),
    badLines: rows.flatMap((r, i) => (r.bad ? [i + 2] : [])),
  };
}

const VCARD_CORRUPTIONS: Array<{
  name: string;
  card: (name: string, phone: string) => string;
  lenient?: boolean;
  good?: boolean;
}> = [
  {
    name: "missing END:VCARD",
    card: (name, phone) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nTEL;TYPE=CELL:${phone}\r\n`,
  },
  {
    name: "NUL byte",
    card: (name, phone) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\u0000\r\nTEL;TYPE=CELL:${phone}\r\nEND:VCARD\r\n`,
  },
  {
    name: "1 MB line",
    card: (name, phone) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nNOTE:${"n".repeat(1024 * 1024)}\r\nTEL;TYPE=CELL:${phone}\r\nEND:VCARD\r\n`,
  },
  {
    name: "bad quoted-printable",
    card: (name, phone) =>
      `BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${name}=ZZ=C3=\r\nTEL;CELL:${phone}\r\nEND:VCARD\r\n`,
    lenient: true,
  },
  {
    name: "bad base64",
    card: (name, phone) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN;ENCODING=b:@@${name}!!\r\nTEL;TYPE=CELL:${phone}\r\nEND:VCARD\r\n`,
    lenient: true,
  },
  {
    name: "big photo (kept)",
    card: (name, phone) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nPHOTO;ENCODING=b;TYPE=JPEG:${"QUJD".repeat(60_000).replace(/(.{74})/g, "$1\r\n ")}\r\nTEL;TYPE=CELL:${phone}\r\nEND:VCARD\r\n`,
    good: true,
  },
];

function vcardCase(corruption: (typeof VCARD_CORRUPTIONS)[number]): Case {
  const cards: Array<{ text: string; phone: string; bad: boolean }> = [];
  for (let i = int(3, 6); i > 0; i--) {
    const phone = freshPhone();
    cards.push({
      text: `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${pick(FIRST)} ${pick(LAST)}\r\nTEL;TYPE=CELL:${phone}\r\nEND:VCARD\r\n`,
      phone,
      bad: false,
    });
  }
  const phone = freshPhone();
  cards.splice(int(0, cards.length), 0, {
    text: corruption.card(pick(FIRST), phone),
    phone,
    bad: !corruption.good,
  });
  let line = 1;
  const lines: number[] = [];
  for (const c of cards) {
    lines.push(line);
    line += c.text.split("\r\n").length - 1;
  }
  const badLines = cards.flatMap((c, i) => (c.bad ? [lines[i]!] : []));
  return {
    title: `vcard: ${corruption.name}`,
    filename: "fuzz.vcf",
    file: Buffer.from(cards.map((c) => c.text).join("")),
    format: "vcard",
    goodPhones: cards.filter((c) => !c.bad).map((c) => c.phone),
    badLines: corruption.lenient ? [] : badLines,
    maybeLines: corruption.lenient ? badLines : [],
  };
}

let k: TestKabar;
let api: Api;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

/** Rejected lines of an import. */
const rejectedLines = async (id: string) =>
  (await ok(api<Array<{ line: number }>>("GET", `/contacts/imports/${id}/errors`))).map((r) => r.line);
const e164 = (local: string) => `+62${local.slice(1)}`;

describe(`importer fuzz (seed ${SEED})`, () => {
  const cases: Case[] = [
    ...(["csv", "google", "outlook"] as const).flatMap((format) =>
      TEXT_CORRUPTIONS.map((c) => textCase(format, c)),
    ),
    xlsxCase("name over 200 characters"),
    xlsxCase("no phone"),
    ...VCARD_CORRUPTIONS.map(vcardCase),
  ];

  it.each(cases.map((c) => [c.title, c] as const))(
    "%s: good rows kept, each bad row reported at its line",
    async (_title, c) => {
      const r = await uploadContacts(api, c.filename, c.file);
      expect(r.status, r.text).toBe(201);
      const summary = r.body;
      const lines = await rejectedLines(summary.id);
      const keptLenient = (c.maybeLines ?? []).filter((line) => !lines.includes(line)).length;
      expect(summary).toMatchObject({
        status: "completed",
        format: c.format,
        created: c.goodPhones.length + keptLenient,
        merged: 0,
      });
      for (const line of c.badLines) expect(lines).toContain(line);
      for (const line of lines) expect([...c.badLines, ...(c.maybeLines ?? [])]).toContain(line);
      const probe = pick(c.goodPhones);
      const page = await ok(api<ContactPage>("GET", `/contacts?search=${encodeURIComponent(e164(probe))}`));
      expect(page.items.map((x) => x.phone)).toEqual([e164(probe)]);
    },
  );

  it("whole-file attacks on every importer: a 4xx or an empty import, never a 5xx", async () => {
    const binary = Buffer.from(Array.from({ length: 64 * 1024 }, () => int(0, 255)));
    const xlsx = makeXlsx([
      ["nama", "telepon"],
      ["Budi", freshPhone()],
    ]);
    const attacks: Array<[string, Buffer, number[]]> = [
      ...["kosong.csv", "kosong.vcf", "kosong.xlsx"].map((name): [string, Buffer, number[]] => [
        name,
        Buffer.alloc(0),
        [201],
      ]),
      ...["biner.csv", "biner.vcf"].map((name): [string, Buffer, number[]] => [name, binary, [422]]),
      ["biner.xlsx", binary, [201]], // not a ZIP: reported as "not an .xlsx workbook" at line 1
      ["bom.xlsx", await bombXlsx(110), [422]],
      ["potong.xlsx", xlsx.subarray(0, int(30, xlsx.length - 30)), [201, 422]],
    ];
    for (const [name, file, statuses] of attacks) {
      for (const route of ["/contacts/imports", "/contacts/imports/preview"]) {
        const { payload, headers } = multipartBody([{ name: "file", filename: name, value: file }]);
        const r = await api<ImportSummary>("POST", route, payload, { headers });
        const expected = route.endsWith("preview") ? statuses.map((s) => (s === 201 ? 200 : s)) : statuses;
        expect(expected, `${route} ${name}: ${r.status} ${r.text}`).toContain(r.status);
        if (r.status === 201) expect(r.body.created).toBe(0);
      }
    }
    expect((await api("GET", "/contacts?pageSize=1")).status).toBe(200);
  });
});

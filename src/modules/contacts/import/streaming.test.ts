import { mkdtemp, rm } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BAD_ROW_EVERY,
  largeCsvLines,
  largeCsvPhone,
  writeLargeCsv,
} from "../../../../test/fixtures/contacts/make-large-csv.js";
import { parseContacts } from "./index.js";

describe("streaming", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kabar-import-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // A generous timeout: 100,000 rows take seconds on a busy machine; no duration is asserted.
  it("parses a 100,000-row CSV file row by row", { timeout: 60_000 }, async () => {
    const path = join(dir, "large.csv");
    await writeLargeCsv(path, 100_000);
    let accepted = 0;
    const rejected: number[] = [];
    let sample: string | undefined;
    for await (const result of parseContacts(createReadStream(path), { filename: "large.csv" })) {
      if (!result.ok) rejected.push(result.error.line);
      else if (++accepted === 54_320)
        sample = `${result.contact.line} ${result.contact.phone} ${result.contact.labels.join("+")}`;
    }
    expect(accepted).toBe(99_900);
    expect(rejected).toEqual(Array.from({ length: 100 }, (_, i) => (i + 1) * BAD_ROW_EVERY + 1));
    // The 54,320th accepted row is data row 54,374 (54 bad rows before it), on line 54,375.
    expect(sample).toBe(`54375 ${largeCsvPhone(54_374)} pelanggan+vip`);
  });

  it("yields results while the input is still being produced (bounded read-ahead)", async () => {
    const rows = 20_000;
    let produced = 0;
    const source = Readable.from(
      (function* () {
        for (const line of largeCsvLines(rows)) {
          produced += 1;
          yield line;
        }
      })(),
    );
    let results = 0;
    let maxLead = 0;
    for await (const _result of parseContacts(source)) {
      results += 1;
      maxLead = Math.max(maxLead, produced - results);
    }
    expect(results).toBe(rows);
    expect(maxLead).toBeLessThan(rows / 4);
  });

  it("stops reading and destroys the input when the consumer stops early", async () => {
    const source = Readable.from(largeCsvLines(50_000));
    for await (const result of parseContacts(source)) {
      expect(result.ok).toBe(true);
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allErrorSpecs, ERROR_CATALOGUES, ERRORS_DOC_PATH, renderErrorsDoc } from "./errors-doc.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The .ts/.tsx files under `dir` (relative to the repository root, with forward slashes). */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => relative(ROOT, join(ROOT, dir, f)).replace(/\\/g, "/"));
}

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

describe("error catalogues", () => {
  it("docs/errors.md is what the catalogues generate (run `npm run docs:errors`)", () => {
    expect(readFileSync(ERRORS_DOC_PATH, "utf8")).toBe(renderErrorsDoc());
  });

  it("every file that defines errors is a listed catalogue", () => {
    const defining = sourceFiles("src").filter(
      (f) => f !== "src/lib/errors.ts" && !f.endsWith(".test.ts") && /\bdefineErrors\(/.test(read(f)),
    );
    expect(defining.sort()).toEqual(ERROR_CATALOGUES.map((c) => c.file).sort());
  });

  it("no error is built outside the catalogues (no `new KabarError(` but in src/lib/errors.ts)", () => {
    const adHoc = sourceFiles("src").filter(
      (f) => f !== "src/lib/errors.ts" && f !== "src/errors-doc.test.ts" && /new KabarError\(/.test(read(f)),
    );
    expect(adHoc).toEqual([]);
    // A subclass (to carry more, e.g. Retry-After) takes its code from a catalogue too.
    const literalSuper = sourceFiles("src").filter(
      (f) => /extends KabarError\b/.test(read(f)) && /super\(\s*["'`]/.test(read(f)),
    );
    expect(literalSuper).toEqual([]);
  });

  it("one code has one status, and every code is snake_case", () => {
    const statuses = new Map<string, Set<number>>();
    for (const s of allErrorSpecs()) {
      expect(s.code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      statuses.set(s.code, (statuses.get(s.code) ?? new Set()).add(s.status));
    }
    const twoStatuses = [...statuses].filter(([, set]) => set.size > 1).map(([code]) => code);
    expect(twoStatuses).toEqual([]);
  });

  it('Indonesian messages say "Nomor WhatsApp", never "kanal" (docs/GLOSSARY.md)', () => {
    const doc = renderErrorsDoc();
    expect(doc).not.toMatch(/\bkanal\b/i);
  });

  it("every code the web app and the CLI compare is in a catalogue", () => {
    const codes = new Set(allErrorSpecs().map((s) => s.code));
    const compared = [...sourceFiles("web/src"), ...sourceFiles("src/cli")]
      .filter((f) => !/\.test\.tsx?$/.test(f))
      .flatMap((f) => [...read(f).matchAll(/(?<!typeof [^;]*)\bcode === "([a-z_]+)"/g)].map((m) => m[1]!));
    expect(compared.length).toBeGreaterThan(0);
    expect(compared.filter((c) => !codes.has(c))).toEqual([]);
  });
});

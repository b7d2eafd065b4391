import { describe, expect, it } from "vitest";
import { catalogue, catalogueFiles } from "./catalogue";

type Tree = { [key: string]: string | Tree };

/** Every leaf key, plural suffixes (_one, _other) folded into the base key. */
function leaves(tree: Tree, prefix = ""): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(tree)) {
    const key = `${prefix}${k}`;
    if (typeof v === "string") {
      const base = key.replace(/_(zero|one|two|few|many|other)$/, "");
      out.set(base, [...(out.get(base) ?? []), v]);
    } else for (const [kk, vv] of leaves(v, `${key}.`)) out.set(kk, vv);
  }
  return out;
}

const vars = (texts: string[]) =>
  [...new Set(texts.flatMap((t) => [...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1])))].sort();

describe("the UI catalogue", () => {
  const ids = leaves(catalogue("id"));
  const ens = leaves(catalogue("en"));

  it("has the same files in both languages, and no top-level key in two files", () => {
    expect([...catalogueFiles("en").keys()].sort()).toEqual([...catalogueFiles("id").keys()].sort());
    const seen = new Map<string, string>();
    for (const [file, tree] of catalogueFiles("id")) {
      for (const key of Object.keys(tree)) {
        expect(seen.get(key), `${key} in ${file}.json and ${seen.get(key)}.json`).toBeUndefined();
        seen.set(key, file);
      }
    }
  });

  it("has the same keys in Bahasa Indonesia and English", () => {
    expect([...ens.keys()].sort()).toEqual([...ids.keys()].sort());
  });

  it("has no empty text, and both languages use the same {{variables}}", () => {
    for (const [key, texts] of ids) {
      expect(
        texts.every((t) => t.trim().length > 0),
        key,
      ).toBe(true);
      expect(vars(ens.get(key) ?? []), key).toEqual(vars(texts));
    }
  });
});

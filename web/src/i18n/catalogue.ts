/**
 * The UI catalogue, one JSON file per area and language: `id/<area>.json` and
 * `en/<area>.json` hold the same keys. Every file found here is merged into one tree per
 * language (top-level keys must not repeat across files; the catalogue test checks it).
 */
type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>("./{id,en}/*.json", { eager: true, import: "default" });

/** Files of one language, by area name (`core`, `channels`, …). */
export function catalogueFiles(language: "id" | "en"): Map<string, Tree> {
  const out = new Map<string, Tree>();
  for (const [path, tree] of Object.entries(files)) {
    const m = /^\.\/(id|en)\/([\w-]+)\.json$/.exec(path);
    if (m && m[1] === language && m[2]) out.set(m[2], tree);
  }
  return out;
}

/** One language's whole catalogue. */
export function catalogue(language: "id" | "en"): Tree {
  return Object.assign({}, ...catalogueFiles(language).values()) as Tree;
}

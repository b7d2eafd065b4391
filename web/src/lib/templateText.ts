/**
 * A template's text as an owner reads it in a list, without the syntax of
 * src/modules/templates/render.ts: a variable `{{name|kak}}` becomes `[<its label>]` (its
 * fallback dropped), spintax `{Halo|Hai}` becomes `Halo/Hai` (nested groups too). Braces
 * without a `|` are plain text and stay. Never throws; malformed syntax is left as written.
 * @param label the words for a variable's name, e.g. "name" → "Nama pelanggan"
 */
export function readableTemplate(text: string, label: (name: string) => string): string {
  let out = text.replace(
    /\{\{\s*([A-Za-z0-9_]+)\s*(?:\|[^{}]*)?\}\}/g,
    (_, name: string) => `[${label(name)}]`,
  );
  // Innermost spintax first, until none is left.
  for (let before = ""; before !== out; ) {
    before = out;
    out = out.replace(/\{([^{}]*\|[^{}]*)\}/g, (_, options: string) => options.split("|").join("/"));
  }
  return out;
}

/**
 * Message templates: parse, validate and render the text a campaign sends (DESIGN.md §5).
 *
 * Syntax
 * - Variable `{{name}}`: whitespace inside is allowed (`{{ name }}`). Names are
 *   `name` (the contact's name), `phone` (E.164), any contact attribute key
 *   (`[a-zA-Z_][a-zA-Z0-9_]*`, matched exactly, case-sensitive), a positional column
 *   `1`, `2`, … of the imported row (1-based), or an order variable `order.<key>`
 *   (`order.number`, `order.total`, …: the only dotted namespace; order messages put
 *   their values in `attributes` under the dotted name, elsewhere they render missing).
 * - Fallback `{{name|kak}}`: the text after the first `|` is used when the variable has
 *   no value (absent, empty or only whitespace). `{{name|}}` means "empty is fine".
 * - Spintax `{Halo|Hai|Selamat pagi}`: one option is chosen per recipient. Options may be
 *   empty (`{Halo |}`), may nest (`{Halo {kak|bu}|Hai}`) and may contain variables
 *   (`{Halo {{name}}|Hai {{name}}}`); a `|` inside `{{…}}` belongs to the variable.
 * - Literal braces: a `{…}` group without a top-level `|` is plain text and keeps its
 *   braces (so JSON-ish text like `{"total": 5}` passes through); so does a lone `}` and
 *   a lone `{` that has no `|` after it. `{{` always opens a variable: in a run of three
 *   or more `{`, the last two open the variable and the others are single braces.
 *
 * Errors (all with the UTF-16 `index` of the offending characters in the body):
 * an unclosed `{{`, a `}}` that closes nothing, an empty or malformed variable name, and
 * a spintax `{a|b` that is never closed.
 */

/** Why a template is invalid; `code` is stable for translation, `message` is English. */
export interface TemplateError {
  /** UTF-16 offset in the template body where the problem starts. */
  index: number;
  code:
    | "unclosed_variable"
    | "unopened_variable"
    | "empty_variable"
    | "invalid_variable"
    | "unclosed_spintax";
  message: string;
}

/** `parseTemplate`'s answer: the variables used (unique, first-use order) or the errors. */
type ParseResult = { ok: true; variables: string[] } | { ok: false; errors: TemplateError[] };

/** The values one recipient brings to a template. */
export interface RenderContext {
  /** The contact's name; `{{name}}` is empty (and reported missing) without one. */
  name?: string;
  /** E.164, e.g. "+6281234567890". */
  phone: string;
  /** Contact attributes by key, e.g. `{ kota: 'Bandung' }`; order variables by their dotted name (`{ "order.number": "INV/…" }`). */
  attributes: Record<string, string>;
  /** The import row's columns; `{{1}}` is `columns[0]`. */
  columns?: string[];
}

/** `renderTemplate`'s answer: the text to send and the variables that rendered empty. */
export interface RenderResult {
  text: string;
  /** Variables rendered without a value and without a fallback (unique, in order). */
  missing: string[];
}

type Node = string | { kind: "var"; name: string; fallback?: string } | { kind: "spin"; options: Node[][] };
interface Frame {
  open: number;
  options: Node[][];
}

const VARIABLE_NAME = /^(?:[A-Za-z_][A-Za-z0-9_]*|order\.[A-Za-z_][A-Za-z0-9_]*|[1-9][0-9]*)$/;

/**
 * Parses a template leniently: broken markup becomes literal text and is reported in
 * `errors`, so a preview can still show something.
 */
function parse(body: string): { nodes: Node[]; errors: TemplateError[] } {
  const errors: TemplateError[] = [];
  const stack: Frame[] = [{ open: -1, options: [[]] }];
  const top = (): Frame => stack[stack.length - 1]!;
  const emit = (node: Node): void => {
    top().options[top().options.length - 1]!.push(node);
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === "{") {
      let run = 1;
      while (body[i + run] === "{") run++;
      if (run === 1) {
        stack.push({ open: i, options: [[]] });
        i++;
        continue;
      }
      for (let k = 0; k < run - 2; k++) stack.push({ open: i + k, options: [[]] });
      i += run - 2;
      let close = i + 2;
      while (close < body.length && body[close] !== "{" && body[close] !== "}") close++;
      if (body[close] !== "}" || body[close + 1] !== "}") {
        errors.push({ index: i, code: "unclosed_variable", message: '"{{" is not closed with "}}"' });
        emit("{{");
        i += 2;
        continue;
      }
      const inner = body.slice(i + 2, close);
      const bar = inner.indexOf("|");
      const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
      if (name === "") {
        errors.push({ index: i, code: "empty_variable", message: "Variable name is empty" });
      } else if (!VARIABLE_NAME.test(name)) {
        errors.push({
          index: i,
          code: "invalid_variable",
          message: `"${name}" is not a valid variable name`,
        });
      }
      emit(bar === -1 ? { kind: "var", name } : { kind: "var", name, fallback: inner.slice(bar + 1).trim() });
      i = close + 2;
    } else if (c === "}" && stack.length > 1) {
      const frame = stack.pop()!;
      if (frame.options.length > 1) emit({ kind: "spin", options: frame.options });
      else for (const node of ["{", ...frame.options[0]!, "}"]) emit(node);
      i++;
    } else if (c === "}" && body[i + 1] === "}") {
      errors.push({ index: i, code: "unopened_variable", message: '"}}" has no matching "{{"' });
      emit("}}");
      i += 2;
    } else if (c === "|" && stack.length > 1) {
      top().options.push([]);
      i++;
    } else {
      let end = i + 1;
      while (end < body.length && !"{}|".includes(body[end]!)) end++;
      emit(body.slice(i, end));
      i = end;
    }
  }
  while (stack.length > 1) {
    const frame = stack.pop()!;
    if (frame.options.length > 1) {
      errors.push({
        index: frame.open,
        code: "unclosed_spintax",
        message: 'Spintax "{" is never closed with "}"',
      });
    }
    emit("{");
    frame.options.forEach((option, n) => {
      if (n > 0) emit("|");
      for (const node of option) emit(node);
    });
  }
  errors.sort((a, b) => a.index - b.index);
  return { nodes: stack[0]!.options[0]!, errors };
}

function collectVariables(nodes: Node[], into: Set<string>): Set<string> {
  for (const node of nodes) {
    if (typeof node === "string") continue;
    if (node.kind === "var") into.add(node.name);
    else for (const option of node.options) collectVariables(option, into);
  }
  return into;
}

/**
 * Validates a template body. Valid: `{ ok: true, variables }` with every variable name
 * used anywhere (all spintax branches), unique, in first-use order, e.g.
 * `parseTemplate('{Halo|Hai} {{name|kak}}, {{1}}')` → `{ ok: true, variables: ['name', '1'] }`.
 * Invalid: `{ ok: false, errors }` sorted by `index`.
 */
export function parseTemplate(body: string): ParseResult {
  const { nodes, errors } = parse(body);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, variables: [...collectVariables(nodes, new Set())] };
}

/** FNV-1a 32-bit hash of a string, the PRNG seed. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny deterministic PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lookup(name: string, ctx: RenderContext): string | undefined {
  if (name === "name") return ctx.name;
  if (name === "phone") return ctx.phone;
  if (/^[0-9]/.test(name)) return ctx.columns?.[Number(name) - 1];
  return Object.hasOwn(ctx.attributes, name) ? ctx.attributes[name] : undefined;
}

/**
 * Renders a template for one recipient. Variables resolve as documented at the top of
 * this file; a value that is absent, empty or only whitespace counts as no value, and
 * then the fallback (`{{name|kak}}`) is used or the variable renders empty and is
 * listed in `missing` (only variables that were actually rendered, i.e. in the chosen
 * spintax branches). Values are inserted as they are (emoji and Indonesian text kept).
 *
 * Spintax choices are deterministic from `seed` (use the recipient id): the same seed
 * always gives the same text, different seeds spread evenly over the options. Invalid
 * templates render best-effort with broken markup as literal text; validate with
 * `parseTemplate` first.
 */
export function renderTemplate(body: string, ctx: RenderContext, seed: string): RenderResult {
  const random = mulberry32(hashSeed(seed));
  const missing = new Set<string>();
  const render = (nodes: Node[]): string => {
    let out = "";
    for (const node of nodes) {
      if (typeof node === "string") {
        out += node;
      } else if (node.kind === "spin") {
        out += render(node.options[Math.floor(random() * node.options.length)]!);
      } else {
        const value = lookup(node.name, ctx);
        if (value !== undefined && value.trim() !== "") out += value;
        else if (node.fallback !== undefined) out += node.fallback;
        else missing.add(node.name);
      }
    }
    return out;
  };
  const text = render(parse(body).nodes);
  return { text, missing: [...missing] };
}

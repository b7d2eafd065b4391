/**
 * The template editor's text logic, apart from its form: inserting a variable where the
 * cursor is, and which variables a shop's contacts offer (syntax: src/modules/templates/render.ts).
 */
import type { Contact } from "../../api/types";

/** Attribute keys a template may use as `{{key}}` (render.ts `VARIABLE_NAME`, less the positional ones). */
const ATTRIBUTE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The sample customer the server writes for when no contact is chosen (SAMPLE_CONTACT in
 * src/modules/templates/service.ts): the template preview and the auto-reply test panel.
 */
export const SAMPLE_CUSTOMER = { name: "Budi Santoso", phone: "+6281234567890" } as const;

/** Variables every contact has. */
export const BUILT_IN_VARIABLES = ["name", "phone"] as const;

/**
 * The markup of a variable: `{{name}}`, or `{{name|kak}}` with a fallback used when the
 * contact has no value. A `}` or `|`-free fallback keeps the template valid.
 */
export function variableMarkup(name: string, fallback?: string): string {
  const f = fallback?.replace(/[{}]/g, "").trim();
  return f ? `{{${name}|${f}}}` : `{{${name}}}`;
}

/**
 * Puts `snippet` in place of the selection `[start, end)` of `text` (a caret when equal).
 * @returns the new text and where the caret goes (after the snippet)
 */
export function insertAt(
  text: string,
  start: number,
  end: number,
  snippet: string,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + snippet + text.slice(to), caret: from + snippet.length };
}

/** Attribute keys of the given contacts usable as variables: unique, sorted, without built-ins. */
export function attributeVariables(contacts: readonly Pick<Contact, "attributes">[]): string[] {
  const keys = new Set<string>();
  for (const c of contacts) {
    for (const key of Object.keys(c.attributes ?? {})) {
      if (ATTRIBUTE_KEY.test(key) && !(BUILT_IN_VARIABLES as readonly string[]).includes(key)) keys.add(key);
    }
  }
  return [...keys].sort((a, b) => a.localeCompare(b));
}

/**
 * A WhatsApp message template to submit to Meta for review (a "draft"), and Meta's limits
 * on it, checked before Kabar calls `POST /<WABA_ID>/message_templates`.
 *
 * Sources: Meta, "Template components"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components)
 * and "Create and manage templates" / parameter formats
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview#parameter-formats):
 * name ≤ 512 of lowercase letters, digits and `_`; a text header ≤ 60 characters with at
 * most one parameter; a body ≤ 1,024 characters; a footer ≤ 60 without parameters; up to 3
 * quick-reply buttons or up to 2 call-to-action buttons (one phone number, URLs), a
 * button's text ≤ 20 characters, a URL button's only parameter `{{1}}` at the end of its
 * URL; an example value for every parameter. Parameters are POSITIONAL (`{{1}}`, `{{2}}`, …
 * from 1 without gaps) or NAMED (`{{first_name}}`), never both in one template.
 * The web wizard mirrors these rules (web/src/pages/channels/wa-templates/draft.ts).
 */
import { z } from "zod";
import type { Bilingual } from "../../lib/errors.js";

/** Template categories Meta reviews (and prices) differently. */
const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;

/** Languages a shop in Indonesia submits templates in (Meta's codes, a subset of its supported list). */
const TEMPLATE_LANGUAGES = ["id", "en", "en_US", "en_GB", "ms", "zh_CN", "ar", "hi", "ja", "ko"] as const;

/** Meta's limits, in characters or items. */
const TEMPLATE_LIMITS = {
  name: 512,
  headerText: 60,
  body: 1024,
  footer: 60,
  buttonText: 20,
  quickReplies: 3,
  callsToAction: 2,
} as const;

const namedExample = z.array(z.object({ param_name: z.string(), example: z.string() }));

/** One component in Meta's creation format (types upper case, as Meta lists them). */
const componentSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("HEADER"),
    format: z.enum(["TEXT", "IMAGE", "VIDEO", "DOCUMENT"]),
    text: z.string().optional(),
    example: z
      .object({
        header_text: z.array(z.string()).optional(),
        header_text_named_params: namedExample.optional(),
        /** The handle of a sample file uploaded with Meta's resumable upload. */
        header_handle: z.array(z.string()).optional(),
      })
      .optional(),
  }),
  z.object({
    type: z.literal("BODY"),
    text: z.string(),
    example: z
      .object({
        body_text: z.array(z.array(z.string())).optional(),
        body_text_named_params: namedExample.optional(),
      })
      .optional(),
  }),
  z.object({ type: z.literal("FOOTER"), text: z.string() }),
  z.object({
    type: z.literal("BUTTONS"),
    buttons: z.array(
      z.discriminatedUnion("type", [
        z.object({ type: z.literal("QUICK_REPLY"), text: z.string() }),
        z.object({ type: z.literal("PHONE_NUMBER"), text: z.string(), phone_number: z.string() }),
        z.object({
          type: z.literal("URL"),
          text: z.string(),
          url: z.string(),
          /** The whole URL with an example suffix, when the URL ends in `{{1}}`. */
          example: z.array(z.string()).optional(),
        }),
      ]),
    ),
  }),
]);

/**
 * A template to submit: `name`, `language` (Meta's code), `category`, `parameterFormat`
 * (POSITIONAL by default) and `components` in Meta's creation format (HEADER, BODY,
 * FOOTER, BUTTONS). Only the shape is checked here; {@link draftProblems} checks Meta's limits.
 */
export const templateDraftSchema = z.object({
  name: z.string().max(1000),
  language: z.string().max(20),
  category: z.enum(TEMPLATE_CATEGORIES),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]).default("POSITIONAL"),
  components: z.array(componentSchema).min(1).max(4),
});

/** A template draft (see {@link templateDraftSchema}). */
export type TemplateDraft = z.output<typeof templateDraftSchema>;
type Component = TemplateDraft["components"][number];

const bi = (id: string, en: string): Bilingual => ({ id, en });
const tooLong = (max: number) => bi(`Maksimal ${max} karakter`, `At most ${max} characters`);
const required = bi("Wajib diisi", "Required");

const POSITIONAL = /\{\{\s*(\d+)\s*\}\}/g;
const NAMED = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g;
const ANY_PARAMETER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The parameters of `text` (see the module doc), or the problem with them. */
function parametersOf(
  text: string,
  format: TemplateDraft["parameterFormat"],
): { names: string[] } | { problem: Bilingual } {
  const all = [...text.matchAll(ANY_PARAMETER)].map((m) => m[1]!);
  const positional = all.filter((p) => /^\d+$/.test(p));
  const named = all.filter((p) => /^[a-z_][a-z0-9_]*$/.test(p));
  if (positional.length + named.length < all.length)
    return {
      problem: bi(
        "Variabel hanya boleh {{1}} atau {{nama_variabel}} (huruf kecil, angka, _)",
        "Variables must be {{1}} or {{variable_name}} (lowercase letters, digits, _)",
      ),
    };
  if (format === "POSITIONAL" && named.length)
    return {
      problem: bi(
        `Format bernomor: pakai {{1}}, {{2}}, … bukan {{${named[0]}}}`,
        `Positional format: use {{1}}, {{2}}, … not {{${named[0]}}}`,
      ),
    };
  if (format === "NAMED" && positional.length)
    return {
      problem: bi(
        `Format bernama: pakai {{nama_variabel}}, bukan {{${positional[0]}}}`,
        `Named format: use {{variable_name}}, not {{${positional[0]}}}`,
      ),
    };
  if (format === "NAMED") return { names: [...new Set([...text.matchAll(NAMED)].map((m) => m[1]!))] };
  const numbers = [...new Set([...text.matchAll(POSITIONAL)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  if (numbers.some((n, i) => n !== i + 1))
    return {
      problem: bi(
        "Variabel bernomor harus urut dari {{1}} tanpa lompatan",
        "Positional variables must run from {{1}} without gaps",
      ),
    };
  return { names: numbers.map(String) };
}

/** Checks the examples given for `names` (positional list, or named pairs). */
function examplesProblem(
  names: string[],
  format: TemplateDraft["parameterFormat"],
  positional: string[] | undefined,
  named: Array<{ param_name: string; example: string }> | undefined,
): Bilingual | undefined {
  if (!names.length) return undefined;
  const missing =
    format === "POSITIONAL"
      ? names.filter((_, i) => !positional?.[i]?.trim())
      : names.filter((n) => !named?.find((p) => p.param_name === n)?.example.trim());
  if (!missing.length) return undefined;
  const list = missing.map((n) => `{{${n}}}`).join(", ");
  return bi(`Contoh isi wajib untuk ${list}`, `An example is required for ${list}`);
}

function checkText(
  c: Extract<Component, { type: "HEADER" | "BODY" }>,
  at: string,
  format: TemplateDraft["parameterFormat"],
  out: Record<string, Bilingual>,
): void {
  const header = c.type === "HEADER";
  const text = c.text ?? "";
  const max = header ? TEMPLATE_LIMITS.headerText : TEMPLATE_LIMITS.body;
  const params = parametersOf(text, format);
  const problem = !text.trim()
    ? required
    : text.length > max
      ? tooLong(max)
      : "problem" in params
        ? params.problem
        : header && params.names.length > 1
          ? bi("Judul hanya boleh punya satu variabel", "A header may have one variable only")
          : undefined;
  if (problem) {
    out[`${at}.text`] = problem;
    return;
  }
  if ("problem" in params) return;
  const example =
    c.type === "HEADER"
      ? examplesProblem(params.names, format, c.example?.header_text, c.example?.header_text_named_params)
      : examplesProblem(params.names, format, c.example?.body_text?.[0], c.example?.body_text_named_params);
  if (example) out[`${at}.example`] = example;
}

function checkButtons(
  c: Extract<Component, { type: "BUTTONS" }>,
  at: string,
  out: Record<string, Bilingual>,
): void {
  const quick = c.buttons.filter((b) => b.type === "QUICK_REPLY").length;
  const cta = c.buttons.length - quick;
  if (!c.buttons.length) out[`${at}.buttons`] = required;
  else if (quick && cta)
    out[`${at}.buttons`] = bi(
      "Pilih balasan cepat atau tombol aksi, tidak keduanya",
      "Quick replies or call-to-action buttons, not both",
    );
  else if (quick > TEMPLATE_LIMITS.quickReplies)
    out[`${at}.buttons`] = bi("Maksimal 3 balasan cepat", "At most 3 quick replies");
  else if (cta > TEMPLATE_LIMITS.callsToAction)
    out[`${at}.buttons`] = bi("Maksimal 2 tombol aksi", "At most 2 call-to-action buttons");
  else if (c.buttons.filter((b) => b.type === "PHONE_NUMBER").length > 1)
    out[`${at}.buttons`] = bi("Hanya satu tombol telepon", "One call button only");
  c.buttons.forEach((b, j) => {
    const field = `${at}.buttons[${j}]`;
    if (!b.text.trim()) out[`${field}.text`] = required;
    else if (b.text.length > TEMPLATE_LIMITS.buttonText)
      out[`${field}.text`] = tooLong(TEMPLATE_LIMITS.buttonText);
    if (b.type === "PHONE_NUMBER" && !/^\+62\d{8,13}$/.test(b.phone_number))
      out[`${field}.phone_number`] = bi(
        "Nomor telepon +62 tanpa spasi, mis. +6281234567890",
        "A +62 phone number without spaces, e.g. +6281234567890",
      );
    if (b.type === "URL") checkUrl(b, field, out);
  });
}

function checkUrl(
  b: { url: string; example?: string[] | undefined },
  field: string,
  out: Record<string, Bilingual>,
): void {
  const variables = [...b.url.matchAll(ANY_PARAMETER)];
  const dynamic = b.url.endsWith("{{1}}");
  let valid = false;
  try {
    valid = new URL(b.url.replace(/\{\{1\}\}$/, "x")).protocol === "https:";
  } catch {}
  if (!valid || variables.length > (dynamic ? 1 : 0))
    out[`${field}.url`] = bi(
      "Alamat https://…, variabel hanya {{1}} di akhir",
      "An https://… address; the only variable is {{1}} at the end",
    );
  else if (dynamic && !b.example?.[0]?.startsWith("https://"))
    out[`${field}.example`] = bi(
      "Contoh alamat lengkap wajib untuk {{1}}",
      "A full example address is required for {{1}}",
    );
}

/**
 * Meta's limits on a draft, per field path as the API names it (e.g. `name`,
 * `components[1].text`, `components[3].buttons[0].text`), each problem in Bahasa Indonesia
 * and English. Empty when Meta's documented rules are met (Meta may still reject the
 * content in review).
 */
export function draftProblems(d: TemplateDraft): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  if (!d.name) out.name = required;
  else if (d.name.length > TEMPLATE_LIMITS.name) out.name = tooLong(TEMPLATE_LIMITS.name);
  else if (!/^[a-z0-9_]+$/.test(d.name))
    out.name = bi("Hanya huruf kecil, angka dan _", "Lowercase letters, digits and _ only");
  if (!(TEMPLATE_LANGUAGES as readonly string[]).includes(d.language))
    out.language = bi(
      `Bahasa: ${TEMPLATE_LANGUAGES.join(", ")}`,
      `Language: ${TEMPLATE_LANGUAGES.join(", ")}`,
    );
  const seen = new Set<string>();
  d.components.forEach((c, i) => {
    const at = `components[${i}]`;
    if (seen.has(c.type)) {
      out[`${at}.type`] = bi(`${c.type} hanya boleh sekali`, `Only one ${c.type}`);
      return;
    }
    seen.add(c.type);
    if (c.type === "HEADER" && c.format !== "TEXT") {
      if (!c.example?.header_handle?.[0])
        out[`${at}.example`] = bi(
          "Contoh berkas wajib untuk judul media",
          "A media header needs an example file",
        );
    } else if (c.type === "HEADER" || c.type === "BODY") checkText(c, at, d.parameterFormat, out);
    else if (c.type === "FOOTER") {
      if (!c.text.trim()) out[`${at}.text`] = required;
      else if (c.text.length > TEMPLATE_LIMITS.footer) out[`${at}.text`] = tooLong(TEMPLATE_LIMITS.footer);
      else if (/\{\{.*?\}\}/.test(c.text))
        out[`${at}.text`] = bi("Catatan kaki tanpa variabel", "A footer has no variables");
    } else checkButtons(c, at, out);
  });
  if (!seen.has("BODY")) out.components = bi("Isi pesan (BODY) wajib", "A BODY is required");
  return out;
}

/** The request body of `POST /<WABA_ID>/message_templates` for a checked draft. */
export function graphTemplateBody(d: TemplateDraft): Record<string, unknown> {
  return {
    name: d.name,
    language: d.language,
    category: d.category,
    parameter_format: d.parameterFormat,
    components: d.components,
  };
}
